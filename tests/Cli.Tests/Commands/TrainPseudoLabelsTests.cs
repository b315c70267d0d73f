using AdvCam.Core.Models;
using AdvCam.Core.Training.PseudoLabels;

namespace AdvCam.Cli.Tests.Commands;

public class TrainPseudoLabelsTests
{
    [Test]
    public void Training_on_cam_pseudo_labels_saves_the_labels_records_them_in_the_model_and_reuses_them()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-pseudo-").FullName;
        try
        {
            string[] args = ["train", "--task", "fashion-scenes-seg", "--pseudo-labels", "cam", "--pseudo-param", "flip=true",
                "--train-subset", "8", "--test-subset", "4", "--epochs", "1", "--batch-size", "4", "--widths", "4,8,8,8",
                "--workers", "0", "--out", folder];
            var result = AdvcamProcess.Run(args);
            result.ExitCode.Should().Be(0, result.Error);
            result.Error.Should().Contain("pseudo-labels: 8 scenes, cam (fg > 0.3, bg <= 0.05)");
            File.Exists(Path.Combine(folder, PseudoLabelSet.FileName)).Should().BeTrue();
            using (var model = TrainedModel.Load(folder))
            {
                model.Metadata["pseudo_labels.attribution"].Should().Be("cam");
                model.Metadata["pseudo_labels.parameters"].Should().Be("flip=true;scales=1");
            }

            var again = AdvcamProcess.Run(args);
            again.ExitCode.Should().Be(0, again.Error);
            again.Error.Should().Contain("pseudo-labels: reusing");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_missing_plugin_one_that_is_not_an_attribution_and_a_classification_task_are_refused()
    {
        var missing = AdvcamProcess.Run("train", "--task", "fashion-scenes-seg", "--pseudo-labels", "no-such-cam", "--train-subset", "4", "--out", "unused");
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("--pseudo-labels: no plugin 'no-such-cam'");
        var notAttribution = AdvcamProcess.Run("train", "--task", "fashion-scenes-seg", "--pseudo-labels", "pixel-shift", "--train-subset", "4", "--out", "unused");
        notAttribution.ExitCode.Should().Be(2);
        notAttribution.Error.Should().Contain("'pixel-shift', which is not an attribution plugin");
        var classifier = AdvcamProcess.Run("train", "--task", "fashion-scenes", "--pseudo-labels", "cam", "--out", "unused");
        classifier.ExitCode.Should().Be(2);
        classifier.Error.Should().Contain("use --task fashion-scenes-seg");
        var thresholds = AdvcamProcess.Run("train", "--task", "fashion-scenes-seg", "--pseudo-labels", "cam", "--fg-threshold", "0.1", "--bg-threshold", "0.2", "--out", "unused");
        thresholds.ExitCode.Should().Be(2);
        thresholds.Error.Should().Contain("must not exceed the foreground threshold");
    }
    [Test]
    public void Large_item_pseudo_labels_need_the_large_item_classifier_and_come_from_large_scenes()
    {
        var wrong = AdvcamProcess.Run("train", "--task", "fashion-scenes-large-seg", "--pseudo-labels", "cam", "--train-subset", "4", "--out", "unused");
        wrong.ExitCode.Should().Be(2);
        wrong.Error.Should().Contain("needs one of task fashion-scenes-large");
        var folder = Directory.CreateTempSubdirectory("advcam-cli-pseudo-large-").FullName;
        try
        {
            var result = AdvcamProcess.Run("train", "--task", "fashion-scenes-large-seg", "--pseudo-labels", "cam",
                "--pseudo-classifier", ShippedModels.PathOf("fashion-scenes-large"), "--train-subset", "8", "--test-subset", "4",
                "--epochs", "1", "--batch-size", "4", "--widths", "4,8,8,8", "--workers", "0", "--out", folder);
            result.ExitCode.Should().Be(0, result.Error);
            using var model = TrainedModel.Load(folder);
            model.Task.Should().Be("fashion-scenes-large-seg");
            // Large items: much of each scene is labelled foreground (30.5 % on standard scenes, 39.5 % on large ones, 1,000 scenes).
            PseudoLabelQuality.FromMetadata(model.Metadata)!.ForegroundShare.Should().BeGreaterThan(0.3);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
