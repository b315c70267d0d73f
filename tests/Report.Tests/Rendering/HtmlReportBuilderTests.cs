using System.Text.Json;
using System.Text.RegularExpressions;
using AdvCam.Core.Running;
using AdvCam.Report.Rendering;

namespace AdvCam.Report.Tests.Rendering;

public class HtmlReportBuilderTests
{
    private const string Nasty = "<script>alert(\"x\")</script>&'|";

    [Test]
    public void Texts_from_the_results_are_html_encoded_everywhere_and_cannot_close_the_chart_data_script()
    {
        var plugin = SampleResults.Perturbation(Nasty, 0.8, 0.6) with { Description = Nasty };
        var failed = SampleResults.Plugin("broken</script><b>", [PluginKindNames.ImagePerturbation], PluginStatus.Failed, [], error: "it threw <img src=x onerror=alert(1)>");
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("suite <i>1</i>", [plugin, failed],
            [new LoadFailureInfo("/plugins/<bad>.dll", "Bad<T>", "reason & <more>")])));

        html.Should().NotContain("<script>alert").And.NotContain("<img src=x").And.NotContain("<b>").And.NotContain("<i>1</i>").And.NotContain("<bad>");
        html.Should().Contain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;|");
        html.Should().Contain("it threw &lt;img src=x onerror=alert(1)&gt;");
        html.Should().Contain("reason &amp; &lt;more&gt;").And.Contain("Bad&lt;T&gt;");
        // Exactly three script elements: Chart.js, the chart data, the drawing code.
        Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count.Should().Be(3);
        Regex.Matches(html, "</script", RegexOptions.IgnoreCase).Count.Should().Be(3);
        ChartData(html).GetProperty("charts").EnumerateArray().SelectMany(c => c.GetProperty("series").EnumerateArray())
            .Select(s => s.GetProperty("label").GetString()).Should().Contain("top1");
        ChartData(html).GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("title").GetString())
            .Should().Contain(t => t!.StartsWith(Nasty, StringComparison.Ordinal), "the JSON keeps the name; only its encoding differs");
    }

    [Test]
    public void The_page_is_self_contained_with_chart_js_inline_and_no_network_reference()
    {
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8, 0.5, 0.3)])));
        html.Should().Contain(ChartJsAsset.Script).And.Contain("Chart.js v" + ChartJsAsset.Version);
        html.Should().Contain("Content-Security-Policy").And.Contain("default-src 'none'");
        Regex.Matches(html, "(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase).Should().BeEmpty();
        Regex.Matches(html, "<link", RegexOptions.IgnoreCase).Should().BeEmpty();
    }

    [Test]
    public void Every_chart_in_the_data_has_its_canvas_and_every_canvas_its_chart()
    {
        var suite = SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8, 0.5), SampleResults.Perturbation("shake", 0.7, 0.4)]);
        var html = HtmlReportBuilder.Build(SampleResults.Report(suite));
        var ids = ChartData(html).GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
        var canvases = Regex.Matches(html, "<canvas class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        canvases.Should().Equal(ids);
        ids.Should().HaveCount(3, "one chart over both perturbations and one per perturbation");
    }

    [Test]
    public void Missing_metrics_are_shown_as_not_available_and_charted_as_gaps()
    {
        // Severity 2 has no top1 and no consistency; the clean pass is undefined.
        var entries = new[]
        {
            new ResultEntry(PluginKindNames.ImagePerturbation, SampleResults.Severity(1), SuiteMetrics.Top1, 0.7),
            new ResultEntry(PluginKindNames.ImagePerturbation, SampleResults.Severity(2), SuiteMetrics.FoolingRate, 0.4),
            new ResultEntry(PluginKindNames.ImagePerturbation, SampleResults.Severity(3), SuiteMetrics.Top1, null),
        };
        var plugin = SampleResults.Plugin("gappy", [PluginKindNames.ImagePerturbation], PluginStatus.Passed, entries);
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [plugin], clean: null)));

        var chart = ChartData(html).GetProperty("charts").EnumerateArray().Single();
        var top1 = chart.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("label").GetString() == "top1").GetProperty("values");
        top1.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).Should().Equal(null, 0.7, null, null);
        html.Should().Contain("top1 n/a");
        Regex.Matches(html, "<td class=\"num\">n/a</td>").Count.Should().BeGreaterThanOrEqualTo(2);
    }

    [Test]
    public void Failed_and_cancelled_plugins_and_load_failures_are_listed_with_their_messages()
    {
        var failed = SampleResults.Plugin("exploder", [PluginKindNames.ImagePerturbation], PluginStatus.Failed,
            [new ResultEntry(PluginKindNames.ImagePerturbation, SampleResults.Severity(1), SuiteMetrics.Top1, 0.5)], error: "plugin 'exploder' (image_perturbation, severity 2) threw: boom");
        var cancelled = SampleResults.Plugin("slow", [PluginKindNames.Attribution], PluginStatus.Cancelled, [], error: "cancelled before it started");
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [failed, cancelled, SampleResults.Perturbation("fine", 0.9)],
            [new LoadFailureInfo("/plugins/Broken.dll", null, "not a .NET assembly")])));
        var failures = Section(html, "failures");
        failures.Should().Contain("exploder").And.Contain("threw: boom").And.Contain("slow").And.Contain("cancelled before it started");
        failures.Should().NotContain(">fine<");
        failures.Should().Contain("/plugins/Broken.dll").And.Contain("not a .NET assembly");
        Section(html, "measurements").Should().Contain("exploder", "the entries finished before the failure are kept");
        html.Should().Contain("1 plugin failed");
    }

    [Test]
    public void Defences_are_set_beside_the_undefended_model_under_each_perturbation()
    {
        var shift = SampleResults.Perturbation("pixel-shift", 0.8, 0.7);
        var defenceEntries = new List<ResultEntry> { new(PluginKindNames.InferenceDefense, null, SuiteMetrics.Top1, 0.88) };
        foreach (var level in new[] { 1, 2 })
        {
            defenceEntries.Add(new ResultEntry(PluginKindNames.InferenceDefense, SampleResults.Severity(level), SuiteMetrics.Consistency, 0.99, "pixel-shift"));
            defenceEntries.Add(new ResultEntry(PluginKindNames.InferenceDefense, SampleResults.Severity(level), SuiteMetrics.FoolingRate, 0.01, "pixel-shift"));
        }
        defenceEntries.Add(new ResultEntry(PluginKindNames.InferenceDefense, null, SuiteMetrics.WorstFoolingRate, 0.02, "pixel-shift"));
        var plain = SampleResults.Plugin("crop-select", [PluginKindNames.InferenceDefense], PluginStatus.Passed, defenceEntries, new Dictionary<string, string> { ["cyclic"] = "false" });
        var cyclic = plain with { Parameters = new Dictionary<string, string> { ["cyclic"] = "true" } };
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [shift, plain, cyclic])));
        var section = Section(html, "defenses");
        section.Should().Contain("crop-select (cyclic=false)").And.Contain("crop-select (cyclic=true)").And.Contain("<td>none</td>");
        section.Should().Contain("0.9900").And.Contain("0.0200");
        ChartData(html).GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("title").GetString())
            .Should().Contain(t => t!.Contains("worst fooling rate", StringComparison.Ordinal));
    }

    [Test]
    public void Overlays_are_inline_png_data_uris()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [])), [new AttributionOverlay("cam", 3, "Bag", 0.5, png)]);
        Section(html, "overlays").Should().Contain("src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\"").And.Contain("scene 3").And.Contain("IoU 0.5000");
    }

    [Test]
    public void Attribution_scores_and_per_class_seed_iou_are_tabled_by_class_name()
    {
        var entries = new[]
        {
            new ResultEntry(PluginKindNames.Attribution, null, SuiteMetrics.SeedMeanIoU, 0.42),
            new ResultEntry(PluginKindNames.Attribution, null, SuiteMetrics.SeedIoU, 0.8, Label: 0),
            new ResultEntry(PluginKindNames.Attribution, null, SuiteMetrics.SeedIoU, 0.25, Label: 9),
        };
        var cam = SampleResults.Plugin("cam", [PluginKindNames.Attribution], PluginStatus.Passed, entries);
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("scenes", [cam], masks: true)));
        var section = Section(html, "attribution");
        section.Should().Contain("<td>seed_mIoU</td><td class=\"num\">0.4200</td>");
        section.Should().Contain("<th>background</th><th>Bag</th>").And.Contain("<td class=\"num\">0.8000</td><td class=\"num\">0.2500</td>");
        Section(html, "measurements").Should().Contain("seed_IoU (Bag)");
    }

    [Test]
    public void Threshold_verdicts_are_counted_at_the_top_and_listed_one_row_per_case_with_names_encoded()
    {
        var report = SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8)])) with { Checks = [SampleResults.Check(Nasty)] };
        var html = HtmlReportBuilder.Build(report);
        html.Should().Contain("<p class=\"verdict-counts\" id=\"verdict-counts\">Thresholds (1 file, 4 cases): <span class=\"status-passed\">1 passed</span>, " +
                              "<span class=\"status-failed\">1 failed</span>, 1 inconclusive, 1 not measured");
        Regex.Matches(html, "<tr class=\"verdict-([a-z-]+)\" data-outcome=\"\\1\">").Select(m => m.Groups[1].Value)
            .Should().Equal("passed", "failed", "inconclusive", "not-measured");
        html.Should().Contain("<td class=\"num\">floor 0.8500</td><td class=\"num\">0.9100</td><td class=\"num\">0.0200</td>");
        html.Should().Contain("The baseline was recorded on 256 items, this report measured 64.");
        html.Should().NotContain("<script>alert").And.Contain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;| = 0.5 is below the floor 0.7");
        Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count.Should().Be(3);
    }

    [Test]
    public void Without_a_threshold_file_the_page_says_how_to_give_one_and_shows_no_counts()
    {
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8)])));
        html.Should().NotContain("id=\"verdict-counts\"").And.Contain("No threshold file: give <code>--thresholds FILE</code>");
    }

    [Test]
    public void Fine_tuned_models_are_tabled_beside_the_original_with_their_changes_and_charted_one_line_per_model()
    {
        var html = HtmlReportBuilder.Build(SampleResults.ComparedReport());
        var section = Section(html, "finetuned");
        section.Should().Contain("<th>clean</th><th>blur s3 s3</th><th>shift worst</th><th>advbn worst</th>");
        section.Should().Contain("<td>fashion-mnist-blur-mix</td><td>blur-mix</td><td class=\"num\">64</td><td class=\"num\">0.9200<br><span class=\"down\">-0.0100</span></td>" +
                                 "<td class=\"num\">0.7500<br><span class=\"up\">+0.5500</span></td>");
        section.Should().Contain("<td>fashion-mnist</td><td>original</td><td class=\"num\">64</td><td class=\"num\">0.9300</td>");
        var charts = ChartData(html).GetProperty("charts").EnumerateArray().Where(c => c.GetProperty("title").GetString()!.EndsWith(": top1 by model", StringComparison.Ordinal)).ToArray();
        charts.Select(c => c.GetProperty("title").GetString()).Should().Equal("blur: top1 by model", "shift: top1 by model", "advbn: top1 by model");
        var blur = charts[0];
        blur.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).Should().Equal("0 clean", "1 s1", "2 s2", "3 s3");
        blur.GetProperty("series").EnumerateArray().Select(x => x.GetProperty("label").GetString()).Should().Equal("fashion-mnist (original)", "fashion-mnist-blur-mix (blur-mix)");
        blur.GetProperty("series")[1].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).Should().Equal(0.92, 0.9, 0.85, 0.75);
        foreach (var c in charts) section.Should().Contain($"id=\"{c.GetProperty("id").GetString()}\"", "each comparison chart's canvas is in the section");
        // The fine-tuned suite's own curves are not drawn a second time under accuracy against severity.
        Section(html, "severity").Should().NotContain("perturbations/fashion-mnist-blur-mix").And.Contain("href=\"#finetuned\"");
    }

    [Test]
    public void Without_fine_tuned_models_the_section_says_why()
    {
        var html = HtmlReportBuilder.Build(SampleResults.Report(SampleResults.Suite("s", [SampleResults.Perturbation("blur", 0.8)])));
        Section(html, "finetuned").Should().Contain("No fine-tuned model was measured").And.Contain("--no-finetuned");
    }

    internal static JsonElement ChartData(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"advcam-charts\">(.*?)</script>", RegexOptions.Singleline);
        match.Success.Should().BeTrue();
        return JsonDocument.Parse(match.Groups[1].Value).RootElement;
    }

    internal static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the report has a section '{id}'");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
