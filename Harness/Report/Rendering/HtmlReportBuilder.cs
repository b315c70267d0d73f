using System.Globalization;
using System.Text;
using System.Text.Json;
using AdvCam.Core.Running;
using AdvCam.Report.Checks;

namespace AdvCam.Report.Rendering;

/// <summary>
/// Renders a <see cref="ReportResults"/> as one self-contained HTML page: every style and script inline (Chart.js
/// included, <see cref="ChartJsAsset"/>), images as data URIs, and a Content-Security-Policy that forbids any network
/// access, so the file works offline and alone.
/// </summary>
/// <remarks>
/// <para>Sections: the suites (model, data, clean metric, status, time) and the environment; accuracy against severity
/// (a chart per perturbation with severities, and one over all image perturbations); the fine-tuned models beside their
/// original (a table of figures with their changes, and a chart per perturbation with a line per model); consistency and fooling rate with
/// and without the inference defences; model perturbations' worst-case accuracy (AdvBN); attribution seed mIoU per plugin;
/// sample overlays; plugin failures and load failures; every measurement in one table.</para>
/// <para>Charts are <c>&lt;canvas class="chart" id=...&gt;</c> elements drawn by an inline script from a JSON block
/// (<c>&lt;script type="application/json" id="advcam-charts"&gt;</c>, HTML-significant characters escaped); after drawing,
/// each canvas carries <c>data-rendered="true"</c>. Every text from the results is HTML-encoded.</para>
/// </remarks>
public static class HtmlReportBuilder
{
    private static readonly JsonSerializerOptions ChartJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // The default encoder escapes < > & ' and non-ASCII as \uXXXX: the JSON cannot close its <script> element.
    };

    /// <summary>The report as an HTML document.</summary>
    /// <param name="report">The results.</param>
    /// <param name="overlays">Attribution overlays on sample scenes, or null for none.</param>
    public static string Build(ReportResults report, IReadOnlyList<AttributionOverlay>? overlays = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        overlays ??= [];
        var charts = new List<ChartSpec>();
        var body = new StringBuilder();
        Header(body, report);
        Suites(body, report);
        ThresholdSection(body, report);
        Environment(body, report);
        SeverityCharts(body, report, charts);
        FineTunedSection(body, report, charts);
        DefenseSection(body, report, charts);
        ModelPerturbations(body, report);
        AttributionSection(body, report, charts);
        OverlaySection(body, overlays);
        FailureSection(body, report);
        MeasurementTable(body, report);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>AdvCam robustness report</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append(body)
            .Append("<footer><p>Charts drawn by Chart.js ").Append(ChartJsAsset.Version)
            .Append(" (MIT licence, inlined below). Written by AdvCam.</p></footer>\n")
            .Append("<script>\n").Append(ChartJsAsset.Script).Append("\n</script>\n")
            .Append("<script type=\"application/json\" id=\"advcam-charts\">")
            .Append(JsonSerializer.Serialize(new { charts }, ChartJson))
            .Append("</script>\n<script>\n").Append(InitScript).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Header(StringBuilder b, ReportResults report)
    {
        var cancelled = report.Suites.Any(s => s.Status == SuiteStatus.Cancelled);
        var failed = report.Suites.Sum(s => s.Plugins.Count(p => p.Status == PluginStatus.Failed));
        b.Append("<header><h1>AdvCam robustness report</h1>\n<p class=\"meta\">")
            .Append(HtmlText.Encode(report.Date)).Append(" &middot; ").Append(report.Suites.Count).Append(report.Suites.Count == 1 ? " suite" : " suites")
            .Append(" &middot; ").Append(report.Full ? "whole test splits" : "test subsets (run with --full for the whole splits)")
            .Append(" &middot; ").Append(HtmlText.Seconds(report.Seconds)).Append("</p>\n");
        if (cancelled) b.Append("<p class=\"warn\">The report was interrupted: only what finished is shown.</p>\n");
        if (failed > 0) b.Append("<p class=\"warn\">").Append(failed).Append(failed == 1 ? " plugin failed" : " plugins failed").Append(": see <a href=\"#failures\">failures</a>.</p>\n");
        if (report.Checks is { Count: > 0 } checks)
        {
            b.Append("<p class=\"verdict-counts\" id=\"verdict-counts\">Thresholds (").Append(checks.Count).Append(checks.Count == 1 ? " file" : " files")
                .Append(", ").Append(checks.Sum(c => c.Cases.Count)).Append(" cases): ");
            Counts(b, checks.Sum(c => c.Passed), checks.Sum(c => c.Failed), checks.Sum(c => c.Inconclusive), checks.Sum(c => c.NotMeasured));
            b.Append(" &middot; <a href=\"#thresholds\">verdicts</a></p>\n");
        }
        b.Append("<nav><a href=\"#suites\">suites</a> <a href=\"#thresholds\">thresholds</a> <a href=\"#environment\">environment</a> <a href=\"#severity\">accuracy vs severity</a> ")
            .Append("<a href=\"#finetuned\">fine-tuned models</a> ")
            .Append("<a href=\"#defenses\">consistency &amp; defences</a> <a href=\"#model-perturbations\">worst case</a> <a href=\"#attribution\">attribution</a> ")
            .Append("<a href=\"#overlays\">overlays</a> <a href=\"#failures\">failures</a> <a href=\"#measurements\">all measurements</a></nav></header>\n");
    }

    private static void Suites(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"suites\"><h2>Suites</h2>\n<table><thead><tr><th>suite</th><th>model</th><th>data</th><th>items</th><th>clean</th>")
            .Append("<th>plugins</th><th>status</th><th>time</th></tr></thead><tbody>\n");
        foreach (var s in report.Suites)
        {
            var passed = s.Plugins.Count(p => p.Status == PluginStatus.Passed);
            var clean = s.Clean is null ? "not finished" : string.Join(", ", s.Clean.Metrics.Select(m => $"{m.Metric} {HtmlText.Value(m.Value)}"));
            b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>").Append(HtmlText.Encode(s.Model.Path ?? "(in memory)"))
                .Append("<br><span class=\"dim\">task ").Append(HtmlText.Encode(s.Model.Task)).Append("</span></td><td>").Append(HtmlText.Encode(s.Data.Description))
                .Append("</td><td class=\"num\">").Append(s.Data.Items).Append("</td><td>").Append(HtmlText.Encode(clean))
                .Append("</td><td>").Append(passed).Append(" of ").Append(s.Plugins.Count).Append(" passed</td><td>")
                .Append(HtmlText.Encode(s.Status.ToString().ToLowerInvariant())).Append("</td><td class=\"num\">").Append(HtmlText.Seconds(s.Seconds)).Append("</td></tr>\n");
        }
        b.Append("</tbody></table></section>\n");
    }

    /// <summary>Pass/fail of each threshold file's cases on the report's measurements.</summary>
    private static void ThresholdSection(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"thresholds\"><h2>Thresholds: pass / fail</h2>\n");
        if (report.Checks is not { Count: > 0 } checks)
        {
            b.Append("<p class=\"dim\">No threshold file: give <code>--thresholds FILE</code>, or put a <code>thresholds.json</code> beside the model ")
                .Append("(docs/suites.md).</p>\n</section>\n");
            return;
        }
        if (checks.All(c => c.OwnRun))
            b.Append("<p class=\"dim\">Each case judged on the suite's own run, as its NUnit case judges it (floor or ceiling, and the baseline ")
                .Append("within the tolerance).</p>\n");
        else
        {
            b.Append("<p class=\"dim\">Each case of a threshold file judged as <code>dotnet test</code> judges it (floor or ceiling, and the baseline within ")
                .Append("the tolerance), but on <b>this report's measurements</b>: its items and every plugin's defaults. Cases that need the suite's own ")
                .Append("settings are not measured here; <code>dotnet test</code> runs the suite itself.</p>\n");
        }
        foreach (var c in checks)
        {
            b.Append("<div class=\"threshold-check\"><h3>").Append(HtmlText.Encode(c.ThresholdsFile)).Append(" <span class=\"dim\">(suite ")
                .Append(HtmlText.Encode(c.Suite)).Append(c.OwnRun ? ", its own run" : $" judged on report suite {HtmlText.Encode(c.ReportSuite)}").Append(")</span></h3>\n<p class=\"counts\">");
            Counts(b, c.Passed, c.Failed, c.Inconclusive, c.NotMeasured);
            b.Append("</p>\n<ul class=\"notes\">\n");
            foreach (var note in c.Notes) b.Append("<li>").Append(HtmlText.Encode(note)).Append("</li>\n");
            b.Append("</ul>\n<table class=\"verdicts\"><thead><tr><th>case</th><th>verdict</th><th>value</th><th>floor / ceiling</th><th>baseline</th>")
                .Append("<th>tolerance</th><th>message</th></tr></thead><tbody>\n");
            foreach (var v in c.Cases)
            {
                var outcome = OutcomeText(v.Outcome);
                b.Append("<tr class=\"verdict-").Append(outcome).Append("\" data-outcome=\"").Append(outcome).Append("\"><td>").Append(HtmlText.Encode(v.Name))
                    .Append("</td><td class=\"status-").Append(outcome).Append("\">").Append(outcome.Replace('-', ' ')).Append("</td><td class=\"num\">")
                    .Append(v.Value is null ? "" : HtmlText.Value(v.Value)).Append("</td><td class=\"num\">")
                    .Append(v.Limit is { } l ? $"{HtmlText.Encode(v.LimitKind)} {HtmlText.Value(l)}" : "").Append("</td><td class=\"num\">")
                    .Append(v.Baseline is null ? "" : HtmlText.Value(v.Baseline)).Append("</td><td class=\"num\">").Append(HtmlText.Value(v.Tolerance))
                    .Append("</td><td>").Append(HtmlText.Encode(v.Message)).Append("</td></tr>\n");
            }
            b.Append("</tbody></table></div>\n");
        }
        b.Append("</section>\n");
    }

    private static void Counts(StringBuilder b, int passed, int failed, int inconclusive, int notMeasured) =>
        b.Append("<span class=\"status-passed\">").Append(passed).Append(" passed</span>, <span class=\"").Append(failed > 0 ? "status-failed" : "dim").Append("\">")
            .Append(failed).Append(" failed</span>, ").Append(inconclusive).Append(" inconclusive, ").Append(notMeasured).Append(" not measured");

    /// <summary>The outcome as the page and the summary write it: passed, failed, inconclusive, not-measured.</summary>
    internal static string OutcomeText(ThresholdOutcome outcome) => outcome switch
    {
        ThresholdOutcome.Passed => "passed",
        ThresholdOutcome.Failed => "failed",
        ThresholdOutcome.Inconclusive => "inconclusive",
        _ => "not-measured",
    };

    private static void Environment(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"environment\"><h2>Environment and timings</h2>\n");
        var environments = report.Suites.Select(s => s.Environment with { Date = "", Seed = 0 }).Distinct().Count();
        foreach (var s in environments <= 1 ? report.Suites.Take(1) : report.Suites)
        {
            var e = s.Environment;
            if (environments > 1) b.Append("<h3>").Append(HtmlText.Encode(s.Suite.Name)).Append("</h3>\n");
            b.Append("<table class=\"kv\"><tbody>\n");
            foreach (var (key, value) in new (string, string)[]
                     {
                         ("AdvCam", e.AdvcamVersion), ("git commit", e.GitCommit ?? "n/a"), ("libtorch", e.LibtorchVersion), ("device", e.Device),
                         ("threads", e.Threads.ToString(CultureInfo.InvariantCulture)), ("machine", e.Machine),
                         ("processors", e.ProcessorCount.ToString(CultureInfo.InvariantCulture)), ("OS", e.Os), (".NET", e.Dotnet), ("seed", e.Seed.ToString(CultureInfo.InvariantCulture)),
                     })
                b.Append("<tr><th>").Append(HtmlText.Encode(key)).Append("</th><td>").Append(HtmlText.Encode(value)).Append("</td></tr>\n");
            b.Append("</tbody></table>\n");
        }
        b.Append("<h3>Timings</h3>\n<table><thead><tr><th>suite</th><th>plugin</th><th>status</th><th>time</th></tr></thead><tbody>\n");
        foreach (var s in report.Suites)
        {
            b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>clean pass</td><td></td><td class=\"num\">")
                .Append(s.Clean is null ? "n/a" : HtmlText.Seconds(s.Clean.Seconds)).Append("</td></tr>\n");
            var labels = ReportFigures.Labels(s);
            for (var i = 0; i < s.Plugins.Count; i++)
                b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>").Append(HtmlText.Encode(labels[i])).Append("</td><td class=\"status-")
                    .Append(ReportFigures.StatusText(s.Plugins[i].Status)).Append("\">").Append(ReportFigures.StatusText(s.Plugins[i].Status))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Seconds(s.Plugins[i].Seconds)).Append("</td></tr>\n");
        }
        b.Append("</tbody></table></section>\n");
    }

    private static void SeverityCharts(StringBuilder b, ReportResults report, List<ChartSpec> charts)
    {
        b.Append("<section id=\"severity\"><h2>Accuracy against severity</h2>\n");
        var any = false;
        var fineTuned = ReportFigures.FineTunedSuites(report);
        if (fineTuned.Count > 0)
            b.Append("<p class=\"dim\">The fine-tuned models' curves are drawn beside the original's in <a href=\"#finetuned\">fine-tuned models</a>.</p>\n");
        foreach (var s in report.Suites.Where(s => !fineTuned.Contains(s.Suite.Name)))
        {
            var curves = ReportFigures.Curves(s);
            if (curves.Count == 0) continue;
            any = true;
            var metric = ReportFigures.AccuracyMetric(s);
            b.Append("<h3>").Append(HtmlText.Encode(s.Suite.Name)).Append("</h3>\n<p class=\"dim\">Level 0 is the clean data (")
                .Append(HtmlText.Encode(metric)).Append(' ').Append(HtmlText.Value(ReportFigures.CleanAccuracy(s))).Append(").</p>\n<div class=\"charts\">\n");
            var image = curves.Where(c => c.Kind == PluginKindNames.ImagePerturbation).ToArray();
            if (image.Length > 1)
            {
                var levels = image.Max(c => c.Points.Max(p => p.Level));
                var labels = Enumerable.Range(0, levels + 1).Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray();
                var series = image.Select(c => new ChartSeries(c.Plugin,
                    labels.Select((_, l) => l == 0 ? c.Clean : c.Points.FirstOrDefault(p => p.Level == l)?.Accuracy).ToArray())).ToArray();
                Chart(b, charts, $"All image perturbations: {metric} against severity level", "line", labels, series, "severity level", metric);
            }
            foreach (var c in curves)
            {
                var labels = new[] { "0 clean" }.Concat(c.Points.Select(p => $"{p.Level} {p.Label}")).ToArray();
                var series = new List<ChartSeries> { new(c.Metric, [c.Clean, .. c.Points.Select(p => p.Accuracy)]) };
                if (c.Points.Any(p => p.Consistency is not null)) series.Add(new ChartSeries(SuiteMetrics.Consistency, [1.0, .. c.Points.Select(p => p.Consistency)]));
                Chart(b, charts, $"{c.Plugin} ({c.Kind})", "line", labels, series, "severity", "value");
            }
            b.Append("</div>\n");
        }
        if (!any) b.Append("<p>No perturbation with severities ran.</p>\n");
        b.Append("</section>\n");
    }

    /// <summary>Each original model beside its fine-tuned versions: a table of the figures with their changes, and a chart per
    /// perturbation with one line per model.</summary>
    private static void FineTunedSection(StringBuilder b, ReportResults report, List<ChartSpec> charts)
    {
        b.Append("<section id=\"finetuned\"><h2>Fine-tuned models beside the original</h2>\n");
        if (report.Comparisons is not { Count: > 0 } comparisons)
        {
            b.Append("<p>No fine-tuned model was measured (the default report measures the shipped fine-tuned versions of fashion-mnist; ")
                .Append("<code>--model</code> and <code>--no-finetuned</code> leave them out).</p>\n</section>\n");
            return;
        }
        foreach (var c in comparisons)
        {
            var original = c.Models[0];
            b.Append("<h3>").Append(HtmlText.Encode(original.Name)).Append(" and its fine-tuned versions <span class=\"dim\">(suite ")
                .Append(HtmlText.Encode(c.BaseSuite)).Append(")</span></h3>\n<p class=\"dim\">Each model on the same ").Append(original.Items)
                .Append(" test items under the same image and model perturbations (the inference defences run on the original only). ")
                .Append(HtmlText.Encode(c.Metric)).Append(" clean; at each graded perturbation's strongest level (a blur's largest kernel); the worst ")
                .Append("over the levels of each model perturbation (AdvBN's worst case) and of each image perturbation whose levels are not graded ")
                .Append("(a shift's directions). Below each value: the change from the original.</p>\n")
                .Append("<table class=\"comparison\"><thead><tr><th>model</th><th>recipe</th><th>items</th>");
            foreach (var f in original.Figures) b.Append("<th>").Append(HtmlText.Encode(ReportFigures.FigureTitle(f))).Append("</th>");
            b.Append("</tr></thead><tbody>\n");
            foreach (var m in c.Models)
            {
                b.Append("<tr><td>").Append(HtmlText.Encode(m.Name)).Append("</td><td>").Append(HtmlText.Encode(m.Recipe ?? "original"))
                    .Append("</td><td class=\"num\">").Append(m.Items).Append("</td>");
                foreach (var f in m.Figures)
                {
                    b.Append("<td class=\"num\">").Append(HtmlText.Value(f.Value));
                    if (f.Change is { } change)
                        b.Append("<br><span class=\"").Append(change > 0 ? "up" : change < 0 ? "down" : "dim").Append("\">").Append(HtmlText.Change(change)).Append("</span>");
                    b.Append("</td>");
                }
                b.Append("</tr>\n");
            }
            b.Append("</tbody></table>\n<div class=\"charts\">\n");
            var suites = c.Models.Select(m => report.Suites.FirstOrDefault(s => s.Suite.Name == m.Suite)).ToArray();
            if (suites[0] is { } baseSuite)
            {
                var baseCurves = ReportFigures.Curves(baseSuite);
                // In the table's order.
                foreach (var curve in original.Figures.Select(f => baseCurves.FirstOrDefault(x => x.Plugin == f.Plugin && x.Kind == f.Kind)).OfType<SeverityCurve>())
                {
                    var labels = new[] { "0 clean" }.Concat(curve.Points.Select(p => $"{p.Level} {p.Label}")).ToArray();
                    var series = c.Models.Select((m, i) =>
                    {
                        var own = suites[i] is { } s ? ReportFigures.Curves(s).FirstOrDefault(x => x.Plugin == curve.Plugin && x.Kind == curve.Kind) : null;
                        return new ChartSeries(ReportFigures.ModelLabel(m),
                            [own?.Clean, .. curve.Points.Select(p => own?.Points.FirstOrDefault(q => q.Level == p.Level)?.Accuracy)]);
                    }).ToArray();
                    Chart(b, charts, $"{curve.Plugin}: {curve.Metric} by model", "line", labels, series, "severity", curve.Metric);
                }
            }
            b.Append("</div>\n");
        }
        b.Append("</section>\n");
    }

    private static void DefenseSection(StringBuilder b, ReportResults report, List<ChartSpec> charts)
    {
        b.Append("<section id=\"defenses\"><h2>Consistency and fooling rate, with and without inference defences</h2>\n")
            .Append("<p class=\"dim\">Means over each perturbation's severities; worst fooling rate: the share of items whose top-1 prediction changed at any ")
            .Append("severity. With a defence, consistency compares the defended predictions with the defended clean ones.</p>\n");
        var any = false;
        foreach (var s in report.Suites)
        {
            var rows = ReportFigures.Defenses(s);
            if (rows.Count == 0) continue;
            any = true;
            var metric = ReportFigures.AccuracyMetric(s);
            b.Append("<h3>").Append(HtmlText.Encode(s.Suite.Name)).Append("</h3>\n<table><thead><tr><th>perturbation</th><th>defence</th><th>")
                .Append(HtmlText.Encode(metric)).Append("</th><th>consistency</th><th>fooling rate</th><th>worst fooling rate</th><th>severities</th></tr></thead><tbody>\n");
            foreach (var r in rows)
                b.Append("<tr><td>").Append(HtmlText.Encode(r.Perturbation)).Append("</td><td>").Append(HtmlText.Encode(r.Defense ?? "none"))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Value(r.Accuracy)).Append("</td><td class=\"num\">").Append(HtmlText.Value(r.Consistency))
                    .Append("</td><td class=\"num\">").Append(HtmlText.Value(r.FoolingRate)).Append("</td><td class=\"num\">").Append(HtmlText.Value(r.WorstFoolingRate))
                    .Append("</td><td class=\"num\">").Append(r.Severities).Append("</td></tr>\n");
            b.Append("</tbody></table>\n<div class=\"charts\">\n");
            var perturbations = rows.Select(r => r.Perturbation).Distinct().ToArray();
            var defences = rows.Select(r => r.Defense).Distinct().ToArray();
            foreach (var (title, pick) in new (string, Func<DefenseRow, double?>)[] { ("mean fooling rate", r => r.FoolingRate), ("worst fooling rate", r => r.WorstFoolingRate) })
                Chart(b, charts, $"{title}: without and with defences", "bar", perturbations,
                    defences.Select(d => new ChartSeries(d ?? "no defence",
                        perturbations.Select(p => rows.FirstOrDefault(r => r.Perturbation == p && r.Defense == d) is { } row ? pick(row) : null).ToArray())).ToArray(),
                    "perturbation", title);
            b.Append("</div>\n");
        }
        if (!any) b.Append("<p>No inference defence was measured under a perturbation.</p>\n");
        b.Append("</section>\n");
    }

    private static void ModelPerturbations(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"model-perturbations\"><h2>Worst-case accuracy under model perturbations (AdvBN)</h2>\n");
        var any = false;
        foreach (var s in report.Suites)
        {
            foreach (var c in ReportFigures.Curves(s).Where(c => c.Kind == PluginKindNames.ModelPerturbation))
            {
                any = true;
                b.Append("<h3>").Append(HtmlText.Encode(c.Plugin)).Append(" <span class=\"dim\">(").Append(HtmlText.Encode(s.Suite.Name)).Append(")</span></h3>\n")
                    .Append("<table><thead><tr><th>severity</th><th>").Append(HtmlText.Encode(c.Metric)).Append("</th><th>drop from clean</th></tr></thead><tbody>\n")
                    .Append("<tr><td>clean</td><td class=\"num\">").Append(HtmlText.Value(c.Clean)).Append("</td><td></td></tr>\n");
                foreach (var p in c.Points)
                    b.Append("<tr><td>").Append(p.Level).Append(' ').Append(HtmlText.Encode(p.Label)).Append("</td><td class=\"num\">").Append(HtmlText.Value(p.Accuracy))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Value(c.Clean is { } cl && p.Accuracy is { } a ? cl - a : null)).Append("</td></tr>\n");
                b.Append("</tbody></table>\n<p>Worst case: <b>").Append(HtmlText.Value(c.WorstAccuracy)).Append("</b></p>\n");
            }
        }
        if (!any) b.Append("<p>No model perturbation ran.</p>\n");
        b.Append("</section>\n");
    }

    private static void AttributionSection(StringBuilder b, ReportResults report, List<ChartSpec> charts)
    {
        b.Append("<section id=\"attribution\"><h2>Attribution seeds and segmenters</h2>\n")
            .Append("<p class=\"dim\">seed_mIoU: mIoU over background and the classes of the seed label maps at background threshold ")
            .Append(SuiteRunner.SeedThreshold.ToString(CultureInfo.InvariantCulture)).Append(" (classes explained: the image's true labels).</p>\n");
        var scores = report.Suites.SelectMany(ReportFigures.Attributions).ToArray();
        if (scores.Length == 0)
        {
            b.Append("<p>No attribution or segmenter ran on data with masks.</p>\n</section>\n");
            return;
        }
        b.Append("<table><thead><tr><th>suite</th><th>plugin</th><th>kind</th><th>metric</th><th>value</th><th>status</th></tr></thead><tbody>\n");
        foreach (var a in scores)
            b.Append("<tr><td>").Append(HtmlText.Encode(a.Suite)).Append("</td><td>").Append(HtmlText.Encode(a.Plugin)).Append("</td><td>").Append(HtmlText.Encode(a.Kind))
                .Append("</td><td>").Append(HtmlText.Encode(a.Metric)).Append("</td><td class=\"num\">").Append(HtmlText.Value(a.Value)).Append("</td><td class=\"status-")
                .Append(ReportFigures.StatusText(a.Status)).Append("\">").Append(ReportFigures.StatusText(a.Status)).Append("</td></tr>\n");
        b.Append("</tbody></table>\n");
        PerClassTable(b, report);
        b.Append("<div class=\"charts\">\n");
        var labels = scores.Select(a => report.Suites.Count > 1 ? $"{a.Plugin} ({a.Suite})" : a.Plugin).ToArray();
        Chart(b, charts, "Seed mIoU / mIoU per plugin", "bar", labels, [new ChartSeries("mIoU", scores.Select(a => a.Value).ToArray())], "plugin", "mIoU");
        b.Append("</div>\n</section>\n");
    }

    /// <summary>Per-class seed IoU (entries with a label) per attribution, when the results carry it.</summary>
    private static void PerClassTable(StringBuilder b, ReportResults report)
    {
        foreach (var s in report.Suites)
        {
            var names = ReportFigures.Labels(s);
            var rows = s.Plugins.Select((p, i) => (Label: names[i], Entries: p.Entries.Where(e => e.Metric == SuiteMetrics.SeedIoU && e.Label is not null).ToArray()))
                .Where(r => r.Entries.Length > 0).ToArray();
            if (rows.Length == 0) continue;
            var columns = rows.SelectMany(r => r.Entries).Select(e => e.Label!.Value).Distinct().Order().ToArray();
            b.Append("<h3>Per-class seed IoU <span class=\"dim\">(").Append(HtmlText.Encode(s.Suite.Name)).Append(")</span></h3>\n<table><thead><tr><th>plugin</th>");
            foreach (var c in columns) b.Append("<th>").Append(HtmlText.Encode(ReportFigures.LabelName(c))).Append("</th>");
            b.Append("</tr></thead><tbody>\n");
            foreach (var (label, entries) in rows)
            {
                b.Append("<tr><td>").Append(HtmlText.Encode(label)).Append("</td>");
                foreach (var c in columns)
                    b.Append("<td class=\"num\">").Append(HtmlText.Value(entries.FirstOrDefault(e => e.Label == c)?.Value)).Append("</td>");
                b.Append("</tr>\n");
            }
            b.Append("</tbody></table>\n");
        }
    }

    private static void OverlaySection(StringBuilder b, IReadOnlyList<AttributionOverlay> overlays)
    {
        b.Append("<section id=\"overlays\"><h2>Attribution maps on sample scenes</h2>\n");
        if (overlays.Count == 0)
        {
            b.Append("<p>No overlay: no attribution plugin ran on data with masks.</p>\n</section>\n");
            return;
        }
        b.Append("<p class=\"dim\">Each map (red = high) over its scene; the true mask's outline in white; IoU of the seed (map above the background ")
            .Append("threshold, winning over the other true classes) with the true mask.</p>\n<div class=\"overlays\">\n");
        foreach (var o in overlays)
            b.Append("<figure><img alt=\"").Append(HtmlText.Encode($"{o.Plugin} on scene {o.Item}, {o.ClassName}")).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(o.Png)).Append("\"><figcaption>").Append(HtmlText.Encode(o.Plugin)).Append(" &middot; scene ").Append(o.Item)
                .Append(" &middot; ").Append(HtmlText.Encode(o.ClassName)).Append(" &middot; IoU ").Append(HtmlText.Value(o.IoU)).Append("</figcaption></figure>\n");
        b.Append("</div>\n</section>\n");
    }

    private static void FailureSection(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"failures\"><h2>Failures</h2>\n");
        var failures = report.Suites.SelectMany(s => ReportFigures.Failures(s).Select(f => (Suite: s.Suite.Name, f.Label, f.Plugin))).ToArray();
        if (failures.Length == 0) b.Append("<p class=\"ok\">No plugin failed.</p>\n");
        else
        {
            b.Append("<table class=\"failures\"><thead><tr><th>suite</th><th>plugin</th><th>status</th><th>error</th></tr></thead><tbody>\n");
            foreach (var (suite, label, plugin) in failures)
                b.Append("<tr><td>").Append(HtmlText.Encode(suite)).Append("</td><td>").Append(HtmlText.Encode(label)).Append("</td><td class=\"status-")
                    .Append(ReportFigures.StatusText(plugin.Status)).Append("\">").Append(ReportFigures.StatusText(plugin.Status)).Append("</td><td><pre>")
                    .Append(HtmlText.Encode(plugin.Error ?? "")).Append("</pre></td></tr>\n");
            b.Append("</tbody></table>\n");
        }
        var loads = report.Suites.SelectMany(s => s.LoadFailures).Distinct().ToArray();
        b.Append("<h3>Plugin load failures</h3>\n");
        if (loads.Length == 0) b.Append("<p class=\"ok\">Every plugin assembly found was loaded.</p>\n");
        else
        {
            b.Append("<table class=\"load-failures\"><thead><tr><th>file</th><th>type</th><th>reason</th></tr></thead><tbody>\n");
            foreach (var f in loads)
                b.Append("<tr><td>").Append(HtmlText.Encode(f.File)).Append("</td><td>").Append(HtmlText.Encode(f.TypeName ?? "")).Append("</td><td><pre>")
                    .Append(HtmlText.Encode(f.Reason)).Append("</pre></td></tr>\n");
            b.Append("</tbody></table>\n");
        }
        b.Append("</section>\n");
    }

    private static void MeasurementTable(StringBuilder b, ReportResults report)
    {
        b.Append("<section id=\"measurements\"><h2>All measurements</h2>\n<table class=\"measurements\"><thead><tr><th>suite</th><th>plugin</th><th>kind</th>")
            .Append("<th>under</th><th>severity</th><th>metric</th><th>value</th></tr></thead><tbody>\n");
        foreach (var s in report.Suites)
        {
            if (s.Clean is not null)
                foreach (var m in s.Clean.Metrics)
                    b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>clean</td><td></td><td></td><td></td><td>").Append(HtmlText.Encode(m.Metric))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Value(m.Value)).Append("</td></tr>\n");
            var labels = ReportFigures.Labels(s);
            for (var i = 0; i < s.Plugins.Count; i++)
            {
                var plugin = s.Plugins[i];
                foreach (var e in plugin.Entries)
                    b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>").Append(HtmlText.Encode(labels[i])).Append("</td><td>")
                        .Append(HtmlText.Encode(e.Kind)).Append("</td><td>").Append(HtmlText.Encode(e.Under ?? "")).Append("</td><td>")
                        .Append(HtmlText.Encode(ReportFigures.SeverityText(e.Severity))).Append("</td><td>")
                        .Append(HtmlText.Encode(e.Label is { } l ? $"{e.Metric} ({ReportFigures.LabelName(l)})" : e.Metric))
                        .Append("</td><td class=\"num\">").Append(HtmlText.Value(e.Value)).Append("</td></tr>\n");
                if (plugin.Entries.Count == 0)
                    b.Append("<tr><td>").Append(HtmlText.Encode(s.Suite.Name)).Append("</td><td>").Append(HtmlText.Encode(labels[i]))
                        .Append("</td><td colspan=\"4\" class=\"dim\">").Append(HtmlText.Encode(plugin.Note ?? $"no measurement ({ReportFigures.StatusText(plugin.Status)})"))
                        .Append("</td><td class=\"num\">n/a</td></tr>\n");
            }
        }
        b.Append("</tbody></table></section>\n");
    }

    private static void Chart(StringBuilder b, List<ChartSpec> charts, string title, string type, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series,
        string xTitle, string yTitle)
    {
        var id = $"chart-{charts.Count + 1}";
        charts.Add(new ChartSpec(id, title, type, labels, series, xTitle, yTitle));
        b.Append("<div class=\"chart-box\"><canvas class=\"chart\" id=\"").Append(id).Append("\" role=\"img\" aria-label=\"").Append(HtmlText.Encode(title))
            .Append("\"></canvas></div>\n");
    }

    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 32px; color: #1d2330; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 1px solid #d5d9e0; padding-bottom: 4px; margin-top: 32px; }
        nav a { margin-right: 10px; } .meta, .dim { color: #5b6475; } .warn { color: #a33; font-weight: 600; } .ok { color: #27734a; }
        table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #d5d9e0; padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f1f3f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .kv th { width: 120px; } pre { margin: 0; white-space: pre-wrap; word-break: break-word; max-width: 760px; }
        .status-failed, .status-cancelled { color: #a33; font-weight: 600; } .status-passed { color: #27734a; }
        .status-inconclusive, .status-not-measured { color: #8a6d00; } tr.verdict-failed td { background: #fbeaea; }
        .up { color: #27734a; } .down { color: #a33; } .comparison td:first-child { white-space: nowrap; }
        .verdict-counts { font-weight: 600; } .verdicts td { padding: 1px 6px; } .notes { color: #5b6475; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; }
        .chart-box { position: relative; height: 300px; border: 1px solid #e3e6ec; border-radius: 6px; padding: 6px; }
        .overlays { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; } figure img { width: 192px; height: 192px; image-rendering: pixelated; display: block; }
        figcaption { font-size: 12px; color: #5b6475; max-width: 192px; }
        .measurements td { padding: 1px 6px; } footer { margin-top: 32px; color: #5b6475; font-size: 12px; }

        """;

    private const string InitScript = """
        (function () {
          var data = JSON.parse(document.getElementById('advcam-charts').textContent);
          if (typeof Chart === 'undefined') {
            console.error('AdvCam report: Chart.js did not load; charts are not drawn');
            return;
          }
          var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
          data.charts.forEach(function (c) {
            var canvas = document.getElementById(c.id);
            new Chart(canvas, {
              type: c.type,
              data: {
                labels: c.labels,
                datasets: c.series.map(function (s, i) {
                  var colour = palette[i % palette.length];
                  return { label: s.label, data: s.values, borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0, pointRadius: 3 };
                })
              },
              options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                plugins: { title: { display: true, text: c.title }, legend: { position: 'bottom', labels: { boxWidth: 12 } } },
                scales: {
                  x: { title: { display: true, text: c.xTitle } },
                  y: { title: { display: true, text: c.yTitle }, min: 0, max: 1 }
                }
              }
            });
            canvas.setAttribute('data-rendered', 'true');
          });
        })();

        """;
}
