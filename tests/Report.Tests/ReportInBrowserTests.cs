using System.Text.Json;
using AdvCam.Core.Running;
using AdvCam.Report.Running;
using Microsoft.Playwright;

namespace AdvCam.Report.Tests;

/// <summary>
/// A real report (<see cref="RealReport"/>: the built-in plugins on the shipped models, a few items) loaded in Debian's
/// headless chromium through Playwright: every chart drawn, no console error, no request leaving the file; the screenshot
/// is attached to the test.
/// </summary>
[NonParallelizable]
public class ReportInBrowserTests
{
    /// <summary>Debian's chromium (scripts/install-deps.sh installs it).</summary>
    public const string Chromium = "/usr/bin/chromium";

    [Test]
    public void The_real_report_has_every_section_filled_from_the_suites()
    {
        var report = RealReport.Outcome.Results;
        report.Suites.Select(s => s.Suite.Name).Should().Equal(ReportPlanner.PerturbationSuite, "perturbations/fashion-mnist-advbn",
            "perturbations/fashion-mnist-blur-mix", ReportPlanner.AttributionSuite);
        report.Suites.Should().OnlyContain(s => s.Status == SuiteStatus.Completed && s.Data.Items == RealReport.Items);
        var perturbations = report.Suites[0];
        perturbations.Plugins.Should().Contain(p => p.Name == "gaussian-blur").And.Contain(p => p.Name == "advbn").And.Contain(p => p.Name == "crop-select");
        perturbations.Plugins.Where(p => p.Name == "crop-select").Select(p => p.Parameters["cyclic"]).Should().Equal("false", "true");
        var attribution = report.Suites.Single(s => s.Suite.Name == ReportPlanner.AttributionSuite);
        attribution.Plugins.Should().Contain(p => p.Name == "cam" && p.Status == PluginStatus.Passed).And.NotContain(p => p.Name == "advcam");
        RealReport.Outcome.Overlays.Should().Contain(o => o.Plugin == "cam").And.OnlyContain(o => o.Png.Length > 100 && o.IoU >= 0 && o.IoU <= 1);
        RealReport.Outcome.Overlays.Select(o => o.Plugin).Should().OnlyHaveUniqueItems("one scene per attribution");

        // The shipped fine-tuned models: the same perturbations on the same items, no defence, compared with the original.
        foreach (var tuned in report.Suites.Skip(1).Take(2))
        {
            tuned.Plugins.Should().OnlyContain(p => p.Status == PluginStatus.Passed).And.NotContain(p => p.Name == "crop-select");
            tuned.Plugins.Select(p => p.Name).Should().Equal(perturbations.Plugins.Where(p => p.Name != "crop-select").Select(p => p.Name));
            tuned.Model.Metadata.Should().ContainKey("finetune.recipe");
        }
        var comparison = report.Comparisons.Should().ContainSingle().Subject;
        comparison.BaseSuite.Should().Be(ReportPlanner.PerturbationSuite);
        comparison.Models.Select(m => (m.Name, m.Recipe)).Should().Equal(("fashion-mnist", null), ("fashion-mnist-advbn", "advbn-finetune"), ("fashion-mnist-blur-mix", "blur-mix"));
        comparison.Models[0].Figures.Select(f => f.Name).Should().Contain(["clean", "defocus-blur/s5", "gaussian-blur/s5", "motion-blur/s5", "camera-shake/s5",
            "pixel-shift/worst", "pixel-roll/worst", "advbn/worst"]);
        comparison.Models.Skip(1).Should().OnlyContain(m => m.Figures.All(f => f.Value != null && f.Change != null));

        var json = File.ReadAllText(Path.Combine(RealReport.Folder, "results.json"));
        ReportResults.FromJson(json).Suites.Should().HaveCount(4);
        ReportResults.FromJson(json).Checks.Should().HaveCount(2).And.BeEquivalentTo(report.Checks);
        ReportResults.FromJson(json).Comparisons.Should().BeEquivalentTo(report.Comparisons);
        File.ReadAllText(Path.Combine(RealReport.Folder, "summary.md")).Should().Contain("**Thresholds (2 file(s), ").And.Contain("| clean/top1 | ")
            .And.Contain("gaussian-blur").And.Contain("crop-select (cyclic=true)").And.Contain("seed_mIoU")
            .And.Contain("## Fine-tuned models beside fashion-mnist").And.Contain("| fashion-mnist-blur-mix | blur-mix | ");
    }

    [Test]
    public async Task Chromium_draws_every_chart_without_console_errors_or_network_requests()
    {
        File.Exists(Chromium).Should().BeTrue($"Debian's chromium must be installed ({Chromium}: apt-get install chromium, or scripts/install-deps.sh)");
        var html = Path.Combine(RealReport.Folder, ReportWriter.HtmlFileName);
        var expectedCharts = HtmlReportBuilderChartCount(File.ReadAllText(html));
        expectedCharts.Should().BeGreaterThanOrEqualTo(8, "blur families, shifts, AdvBN, defences and attribution all have charts");
        var comparisonCharts = Rendering.HtmlReportBuilderTests.ChartData(File.ReadAllText(html)).GetProperty("charts").EnumerateArray()
            .Count(c => c.GetProperty("title").GetString()!.EndsWith(" by model", StringComparison.Ordinal));
        comparisonCharts.Should().BeGreaterThanOrEqualTo(7, "each blur family, shift and AdvBN is charted with one line per model");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") errors.Add($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForFunctionAsync($"document.querySelectorAll('canvas.chart[data-rendered=\"true\"]').length === {expectedCharts}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        var canvases = await page.EvaluateAsync<JsonElement>("""
            () => Array.from(document.querySelectorAll('canvas.chart')).map(c => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let painted = 0;
              for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
              return { id: c.id, width: c.width, height: c.height, painted: painted, chart: typeof Chart !== 'undefined' && !!Chart.getChart(c) };
            })
            """);
        // The fine-tuned models' charts are in their section, drawn like the others (checked below with every canvas).
        var drawnComparisons = await page.EvaluateAsync<int>("() => document.querySelectorAll('#finetuned canvas.chart[data-rendered=\"true\"]').length");
        drawnComparisons.Should().Be(comparisonCharts);
        var screenshot = Path.Combine(RealReport.Folder, "report-screenshot.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        TestContext.AddTestAttachment(screenshot, "the report in headless chromium");
        TestContext.AddTestAttachment(html, "the report");

        canvases.GetArrayLength().Should().Be(expectedCharts);
        foreach (var c in canvases.EnumerateArray())
        {
            var id = c.GetProperty("id").GetString();
            c.GetProperty("chart").GetBoolean().Should().BeTrue($"{id} has a Chart.js chart");
            c.GetProperty("width").GetInt32().Should().BeGreaterThan(100, $"{id} is laid out");
            c.GetProperty("height").GetInt32().Should().BeGreaterThan(100, $"{id} is laid out");
            // Axes, labels and lines: a drawn chart paints thousands of pixels.
            c.GetProperty("painted").GetInt32().Should().BeGreaterThan(2000, $"{id} is drawn");
        }
        // The verdict section: one row per case of the threshold files beside the shipped models, counted in the header.
        var verdicts = await page.EvaluateAsync<JsonElement>("""
            () => ({
              header: document.getElementById('verdict-counts')?.textContent ?? '',
              rows: Array.from(document.querySelectorAll('#thresholds table.verdicts tr[data-outcome]')).map(r => r.dataset.outcome),
              height: document.querySelector('#thresholds table.verdicts')?.getBoundingClientRect().height ?? 0
            })
            """);
        var checks = RealReport.Outcome.Results.Checks!;
        var rows = verdicts.GetProperty("rows").EnumerateArray().Select(r => r.GetString()).ToArray();
        rows.Should().HaveCount(checks.Sum(c => c.Cases.Count));
        var header = verdicts.GetProperty("header").GetString();
        foreach (var outcome in new[] { "passed", "failed", "inconclusive", "not-measured" })
            header.Should().Contain($"{rows.Count(r => r == outcome)} {outcome.Replace('-', ' ')}");
        verdicts.GetProperty("height").GetDouble().Should().BeGreaterThan(100, "the verdict table is laid out");

        errors.Should().BeEmpty();
        requests.Should().OnlyContain(u => u.StartsWith("file:", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal),
            "the report works offline: nothing is fetched");
        new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
    }

    private static int HtmlReportBuilderChartCount(string html) => Rendering.HtmlReportBuilderTests.ChartData(html).GetProperty("charts").GetArrayLength();
}
