using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

/// <summary>Each faulty plugin fails alone, with a message naming it, the severity, the batch and what was wrong; the others' results stand.</summary>
public class SuiteRunnerIsolationTests
{
    private static SuiteResults results = null!;

    [OneTimeSetUp]
    public void RunTheFaultyPlugins()
    {
        var parameters = (string key, string value) => new Dictionary<string, string> { [key] = value };
        results = RunnerFixture.Runner().Run(RunnerFixture.Spec(
            RunnerFixture.Plugin("throws"),
            RunnerFixture.Plugin("sample-invert"),
            RunnerFixture.Plugin("nan-short"),
            RunnerFixture.Plugin("nan-strong"),
            RunnerFixture.Plugin("wrong-shape"),
            RunnerFixture.Plugin("out-of-range"),
            RunnerFixture.Plugin("wrong-dtype"),
            RunnerFixture.Plugin("in-place"),
            RunnerFixture.Plugin("darken", parameters("nope", "1")),
            RunnerFixture.Plugin("darken", parameters("factor", "5")),
            RunnerFixture.Plugin("darken", null, 2, 3),
            RunnerFixture.Plugin("defense-identity", null, 1),
            RunnerFixture.Plugin("model-nan"),
            RunnerFixture.Plugin("defense-throws"),
            RunnerFixture.Plugin("not-there"),
            RunnerFixture.Plugin("darken"),
            RunnerFixture.Plugin("half-cam"),
            RunnerFixture.Plugin("half-cam-darken")));
    }

    private static PluginResult At(int index) => results.Plugins[index];

    [Test]
    public void The_run_completes_and_the_well_behaved_plugins_pass()
    {
        results.Status.Should().Be(SuiteStatus.Completed);
        results.Plugins.Should().HaveCount(18);
        At(1).Status.Should().Be(PluginStatus.Passed);
        At(1).Entries.Should().HaveCount(4);
        At(15).Status.Should().Be(PluginStatus.Passed);
        At(15).Entries.Should().HaveCount(7);
        At(15).Parameters.Should().Equal(new Dictionary<string, string> { ["factor"] = "1" }, "each run configures every parameter, so a refused override of an earlier entry does not linger");
    }

    [TestCase(0, "plugin 'throws' (image_perturbation), severity 1 'mild', batch 0 (items 0..31): Apply threw InvalidOperationException: no licence for the frobnicator")]
    [TestCase(2, "plugin 'nan-short' (image_perturbation), severity 1 'mild', batch 2 (items 64..79): returned images with 12544 NaN and 0 infinite values (of 12544)")]
    [TestCase(4, "plugin 'wrong-shape' (image_perturbation), severity 1 'mild', batch 0 (items 0..31): returned images of shape [32, 1, 28, 27], expected [32, 1, 28, 28] (the input's)")]
    [TestCase(5, "plugin 'out-of-range' (image_perturbation), severity 1 'mild', batch 0 (items 0..31): returned images outside [0, 1] (from 1.5 to 2.5)")]
    [TestCase(6, "plugin 'wrong-dtype' (image_perturbation), severity 1 'mild', batch 0 (items 0..31): returned images of dtype Float64, expected Float32 (the input's)")]
    [TestCase(7, "plugin 'in-place' (image_perturbation), severity 1 'mild', batch 0 (items 0..31): changed its input images")]
    [TestCase(8, "plugin 'darken': its parameters were refused: plugin 'darken' has no parameter 'nope' (value '1')")]
    [TestCase(9, "plugin 'darken': its parameters were refused: plugin 'darken': value '5' of parameter 'factor' must be in [0, 2]")]
    [TestCase(10, "plugin 'darken' (image_perturbation): the suite asks for severity level 3, but for 28-pixel images the plugin offers 1 'mild', 2 'strong'")]
    [TestCase(11, "plugin 'defense-identity' is inference_defense, which has no severities, but the suite lists severities [1] for it")]
    [TestCase(12, "plugin 'model-nan' (model_perturbation), severity 1 'only', batch 0 (items 0..31): returned logits with 320 NaN and 0 infinite values (of 320)")]
    [TestCase(13, "plugin 'defense-throws' (inference_defense), batch 0 (items 0..31): Logits threw NotSupportedException: the crop window is larger than the image")]
    [TestCase(14, "plugin 'not-there' was not loaded (loaded: ")]
    public void A_faulty_plugin_fails_alone_with_a_message_naming_it_and_what_was_wrong(int index, string message)
    {
        At(index).Status.Should().Be(PluginStatus.Failed);
        At(index).Error.Should().StartWith(message);
        At(index).Entries.Should().BeEmpty();
    }

    [Test]
    public void Severities_finished_before_a_failure_are_kept()
    {
        var nan = At(3);
        nan.Status.Should().Be(PluginStatus.Failed);
        nan.Error.Should().StartWith("plugin 'nan-strong' (image_perturbation), severity 2 'strong', batch 0 (items 0..31): returned images with");
        nan.Entries.Should().HaveCount(3).And.OnlyContain(e => e.Severity!.Level == 1);
        nan.Entries[1].Value.Should().Be(1, "the mild severity is the identity: fully consistent with the clean predictions");
    }

    [Test]
    public void Kinds_that_need_masks_are_not_applicable_on_data_without_them()
    {
        At(16).Status.Should().Be(PluginStatus.NotApplicable);
        At(16).Note.Should().Contain("attribution: not applicable").And.Contain("no segmentation masks");
        At(16).Entries.Should().BeEmpty();
        At(17).Status.Should().Be(PluginStatus.Passed, "its image perturbation ran");
        At(17).Kinds.Should().Equal(PluginKindNames.ImagePerturbation, PluginKindNames.Attribution);
        At(17).Note.Should().Contain("attribution: not applicable");
        At(17).Entries.Should().HaveCount(7).And.OnlyContain(e => e.Kind == PluginKindNames.ImagePerturbation);
    }
}
