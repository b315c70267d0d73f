using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Training;
using AdvCam.Core.Training.PseudoLabels;
using AdvCam.Plugins.Segmentation.PseudoLabel;

namespace AdvCam.Plugins.Segmentation.Tests.PseudoLabel;

public class PseudoLabelSegmenterTests
{
    private static PseudoLabelSegmenter Attached(CatalogPluginHost host, string model, bool useLabels = false)
    {
        var segmenter = new PseudoLabelSegmenter();
        segmenter.Configure(new Dictionary<string, string> { ["model"] = model, ["use_labels"] = useLabels ? "true" : "false" });
        segmenter.Attach(host);
        return segmenter;
    }

    [Test]
    public void Training_on_cam_pseudo_labels_lowers_the_loss_and_records_where_the_labels_came_from()
    {
        var epochs = TinyPseudoLabelModel.Result.Epochs;
        epochs.Should().HaveCount(8);
        epochs[^1].Loss.Should().BeLessThan(epochs[0].Loss * 0.9, "eight epochs on eight scenes must fit their pseudo-labels better than the first");

        using var model = TrainedModel.Load(TinyPseudoLabelModel.Folder);
        model.Task.Should().Be("fashion-scenes-seg");
        model.Metadata["pseudo_labels.attribution"].Should().Be("cam");
        model.Metadata["pseudo_labels.scenes"].Should().Be("8");
        model.Metadata["pseudo_labels.fg_threshold"].Should().Be("0.3");
        model.Metadata["pseudo_labels.bg_threshold"].Should().Be("0.05");
        var labels = TinyPseudoLabelModel.Labels;
        var shares = labels.Quality.ForegroundShare + labels.Quality.BackgroundShare + labels.Quality.IgnoredShare;
        shares.Should().BeApproximately(1, 1e-9);
        labels.Quality.IgnoredShare.Should().BeGreaterThan(0, "CAM maps between the thresholds are left out");
    }

    [Test]
    public void It_labels_each_pixel_with_the_models_highest_logit_on_normalised_images()
    {
        using var scope = torch.NewDisposeScope();
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        using var scenes = TinyPseudoLabelModel.TestScenes(4);
        var segmenter = Attached(host, TinyPseudoLabelModel.Folder);

        var labels = segmenter.Segment(null, scenes.Images, null);

        // Independently: the model file loaded again, the images normalised by hand, argmax of its logits.
        using var model = TrainedModel.Load(TinyPseudoLabelModel.Folder);
        var mean = torch.tensor(TrainingTask.FashionScenesMean.ToArray(), [1, 3, 1, 1]);
        var std = torch.tensor(TrainingTask.FashionScenesStd.ToArray(), [1, 3, 1, 1]);
        Tensor expected;
        using (torch.no_grad()) expected = model.Model.forward((scenes.Images - mean) / std).argmax(1);
        labels.dtype.Should().Be(ScalarType.Int64);
        labels.shape.Should().Equal(4, 64, 64);
        labels.equal(expected).Should().BeTrue();

        // With use_labels, only background and each image's classes present compete.
        var restricted = Attached(host, TinyPseudoLabelModel.Folder, useLabels: true);
        var flags = scenes.Targets.gt(0.5).ToArray<bool>();
        var present = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 10).Where(c => flags[i * 10 + c]).ToArray()).ToArray();
        var limited = restricted.Segment(null, scenes.Images, present).ToArray<long>();
        for (var i = 0; i < 4; i++)
        {
            var allowed = present[i].Select(c => (long)c + 1).Append(0).ToHashSet();
            limited.Skip(i * 64 * 64).Take(64 * 64).Should().OnlyContain(l => allowed.Contains(l), $"image {i} has classes [{string.Join(", ", present[i])}]");
        }
    }

    [Test]
    public void Bad_models_and_inputs_are_refused_with_messages_naming_them()
    {
        using var scope = torch.NewDisposeScope();
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);

        var unset = () => Attached(host, "");
        unset.Should().Throw<ArgumentException>().WithMessage("*parameter 'model' names no model*advcam train*");
        var missing = () => Attached(host, "/no/such/model-folder");
        missing.Should().Throw<ArgumentException>().WithMessage("*'model' = '/no/such/model-folder'*does not exist*");
        var classifier = () => Attached(host, ShippedModels.PathOf(ShippedModels.FashionScenes));
        classifier.Should().Throw<ArgumentException>().WithMessage("*task 'fashion-scenes', not a segmentation model*");

        var unattached = () => new PseudoLabelSegmenter().Segment(null, torch.zeros(1, 3, 8, 8), null);
        unattached.Should().Throw<InvalidOperationException>().WithMessage("*not been attached*");

        var segmenter = Attached(host, TinyPseudoLabelModel.Folder);
        var grey = () => segmenter.Segment(null, torch.zeros(1, 1, 8, 8), null);
        grey.Should().Throw<ArgumentException>().WithMessage("*3 channels*[1, 1, 8, 8]*").Which.ParamName.Should().Be("images");
        var flat = () => segmenter.Segment(null, torch.zeros(3, 8, 8), null);
        flat.Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*[3, 8, 8]*").Which.ParamName.Should().Be("images");
        var count = () => segmenter.Segment(null, torch.zeros(2, 3, 8, 8), [[1]]);
        count.Should().Throw<ArgumentException>().WithMessage("*1 entries for 2 images*");
        var restricted = Attached(host, TinyPseudoLabelModel.Folder, useLabels: true);
        var noLabels = () => restricted.Segment(null, torch.zeros(1, 3, 8, 8), null);
        noLabels.Should().Throw<ArgumentException>().WithMessage("*use_labels=true needs the classes*").Which.ParamName.Should().Be("classes");
        var range = () => restricted.Segment(null, torch.zeros(1, 3, 8, 8), [[10]]);
        range.Should().Throw<ArgumentException>().WithMessage("*class 10 is not a class of model*0..9*");
    }

    [Test]
    public void The_host_loads_a_model_once_per_run_and_disposes_it_with_the_run()
    {
        using var catalog = TestPlugins.Load();
        var before = Tensor.LiveCount;
        using (var host = new CatalogPluginHost(catalog))
        {
            var first = host.LoadSegmentationModel(TinyPseudoLabelModel.Folder);
            host.LoadSegmentationModel(Path.Combine(TinyPseudoLabelModel.Folder, "model.safetensors")).Should().NotBeSameAs(first,
                "a folder and the file in it are different paths as given");
            host.LoadSegmentationModel(TinyPseudoLabelModel.Folder).Should().BeSameAs(first);
            first.num_classes.Should().Be(11);
            first.in_channels.Should().Be(3);
            Tensor.LiveCount.Should().BeGreaterThan(before);
        }
        Tensor.LiveCount.Should().Be(before);
    }
}
