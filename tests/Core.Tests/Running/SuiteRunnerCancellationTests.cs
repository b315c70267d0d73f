using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

public class SuiteRunnerCancellationTests
{
    [Test]
    public void Cancelling_keeps_the_finished_plugins_and_severities_and_marks_the_rest_cancelled()
    {
        var progress = new CountingProgress(p => p is { Plugin: "darken", Severity.Level: 2, Batch: 1 });
        var results = RunnerFixture.Runner().Run(
            RunnerFixture.Spec(RunnerFixture.Plugin("sample-invert"), RunnerFixture.Plugin("darken"), RunnerFixture.Plugin("defense-identity")),
            progress, progress.Token);

        results.Status.Should().Be(SuiteStatus.Cancelled);
        results.Clean.Should().NotBeNull();
        results.Plugins[0].Status.Should().Be(PluginStatus.Passed);
        results.Plugins[0].Entries.Should().HaveCount(4, "three per severity and the worst case");
        var darken = results.Plugins[1];
        darken.Status.Should().Be(PluginStatus.Cancelled);
        darken.Error.Should().StartWith("plugin 'darken' (image_perturbation), severity 2 'strong', batch 1 (items 32..63): the run was cancelled");
        darken.Entries.Should().HaveCount(3).And.OnlyContain(e => e.Severity!.Level == 1, "the finished severity is kept");
        results.Plugins[2].Status.Should().Be(PluginStatus.Cancelled);
        results.Plugins[2].Error.Should().Contain("not run");
        results.Plugins[2].Entries.Should().BeEmpty();
        progress.Reports.Should().NotContain(p => p.Plugin == "defense-identity");
        progress.Reports.Last().Should().Be(new SuiteProgress(2, 3, "darken", PluginKindNames.ImagePerturbation,
            progress.Reports.Last().Severity, 1, 3), "it stopped before the next batch");
    }

    [Test]
    public void Cancelling_during_the_clean_pass_leaves_no_clean_metric_and_every_plugin_cancelled()
    {
        var progress = new CountingProgress(p => p.Plugin is null);
        var results = RunnerFixture.Runner().Run(RunnerFixture.Spec(RunnerFixture.Plugin("sample-invert"), RunnerFixture.Plugin("not-there")),
            progress, progress.Token);

        results.Status.Should().Be(SuiteStatus.Cancelled);
        results.Clean.Should().BeNull();
        results.Plugins.Should().HaveCount(2).And.OnlyContain(p => p.Status == PluginStatus.Cancelled && p.Entries.Count == 0);
        progress.Reports.Should().ContainSingle();
        SuiteResults.FromJson(results.ToJson()).Clean.Should().BeNull("cancelled results are written like any other");
    }
}
