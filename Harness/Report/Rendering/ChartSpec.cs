namespace AdvCam.Report.Rendering;

/// <summary>A chart of the HTML report, as its script gives it to Chart.js: a canvas id, a type, x labels and series.</summary>
/// <param name="Id">The canvas element's id.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Type"><c>line</c> or <c>bar</c>.</param>
/// <param name="Labels">The x-axis labels.</param>
/// <param name="Series">The data series.</param>
/// <param name="XTitle">The x-axis title.</param>
/// <param name="YTitle">The y-axis title (values are in [0, 1]).</param>
public sealed record ChartSpec(string Id, string Title, string Type, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, string XTitle,
    string YTitle);
