using AdvCam.Core.Running;
using AdvCam.Report.Rendering;

namespace AdvCam.Report.Tests.Rendering;

public class MarkdownSummaryBuilderTests
{
    [Test]
    public void Pipes_and_line_breaks_in_names_and_errors_do_not_break_the_tables()
    {
        var plugin = SampleResults.Perturbation("a|b<script>", 0.8);
        var failed = SampleResults.Plugin("bad|one", [PluginKindNames.ImagePerturbation], PluginStatus.Failed, [], error: "line 1\nline 2 | more");
        var md = MarkdownSummaryBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [plugin, failed])));
        md.Should().Contain("| a\\|b&lt;script> |").And.NotContain("<script>").And.Contain("**bad\\|one**").And.Contain("line 1 line 2 \\| more");
        foreach (var line in md.Split('\n').Where(l => l.StartsWith("| s |", StringComparison.Ordinal)))
            line.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|').Should().Be(8, $"'{line}' has the header's 7 cells");
    }

    [Test]
    public void Missing_metrics_read_not_available_and_failures_and_load_failures_are_listed()
    {
        var entries = new[] { new ResultEntry(PluginKindNames.ImagePerturbation, SampleResults.Severity(1), SuiteMetrics.Consistency, 0.9) };
        var gappy = SampleResults.Plugin("gappy", [PluginKindNames.ImagePerturbation], PluginStatus.Passed, entries);
        var failed = SampleResults.Plugin("exploder", [PluginKindNames.Attribution], PluginStatus.Failed, [], error: "boom");
        var md = MarkdownSummaryBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [gappy, failed], [new LoadFailureInfo("/p/Broken.dll", null, "bad image")], masks: true)));
        md.Should().Contain("| s | gappy | image_perturbation | mAP | 0.9000 | n/a | n/a |");
        md.Should().Contain("- **exploder** (s, failed): boom").And.Contain("/p/Broken.dll").And.Contain("bad image");
        md.Should().Contain("| s | exploder | attribution | seed_mIoU | n/a | failed |");
    }

    [Test]
    public void A_clean_run_says_no_plugin_failed()
    {
        var md = MarkdownSummaryBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8, 0.6)])));
        md.Should().Contain("No plugin failed.").And.Contain("| s | blur | image_perturbation | top1 | 0.9000 | 0.8000 0.6000 | 0.6000 |");
    }

    [Test]
    public void Fine_tuned_models_are_tabled_beside_the_original_with_their_changes()
    {
        var md = MarkdownSummaryBuilder.Build(SampleResults.ComparedReport());
        md.Should().Contain("## Fine-tuned models beside fashion-mnist\n\ntop1 of each model on the same 64 test items");
        md.Should().Contain("| model | recipe | clean | blur s3 s3 | shift worst | advbn worst |\n|---|---|---:|---:|---:|---:|\n");
        md.Should().Contain("| fashion-mnist | original | 0.9300 | 0.2000 | 0.8500 | 0.3000 |\n");
        md.Should().Contain("| fashion-mnist-blur-mix | blur-mix | 0.9200 (-0.0100) | 0.7500 (+0.5500) | 0.9000 (+0.0500) | 0.2000 (-0.1000) |\n");
    }

    [Test]
    public void Threshold_verdicts_are_counted_under_the_title_and_tabled_per_file()
    {
        var report = SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8)])) with { Checks = [SampleResults.Check("a|b")] };
        var md = MarkdownSummaryBuilder.Build(report);
        md.Should().Contain("**Thresholds (1 file(s), 4 cases): 1 passed, 1 failed, 1 inconclusive, 1 not measured.**");
        md.Should().Contain("### /m/thresholds.json\n\nSuite my-suite judged on report suite s: 1 passed, 1 failed, 1 inconclusive, 1 not measured.");
        md.Should().Contain("| clean/top1 | passed | 0.9000 | floor 0.8500 | 0.9100 | 0.0200 | clean top1 = 0.9 (floor 0.85; baseline 0.91, tolerance 0.02) |");
        md.Should().Contain("| a\\|b | failed | 0.5000 | floor 0.7000 | 0.8000 | 0.0200 | a\\|b = 0.5 is below the floor 0.7 |");
        md.Should().Contain("| advbn/s1/top1 | not-measured |  | floor 0.8000 | 0.8500 | 0.0500 | ");
    }
}
