using System.Reflection;

namespace AdvCam.Report;

/// <summary>Chart.js, embedded in this assembly (Assets/chart.umd.min.js; Assets/README.md says where it came from).</summary>
public static class ChartJsAsset
{
    /// <summary>The embedded Chart.js version.</summary>
    public const string Version = "4.6.1";

    private const string ScriptResource = "AdvCam.Report.Assets.chart.umd.min.js";
    private const string LicenseResource = "AdvCam.Report.Assets.chart.js.LICENSE.md";

    private static readonly Lazy<string> LazyScript = new(() => Read(ScriptResource));
    private static readonly Lazy<string> LazyLicense = new(() => Read(LicenseResource));

    /// <summary>Chart.js's minified UMD build (defines the global <c>Chart</c>), with its licence header.</summary>
    public static string Script => LazyScript.Value;

    /// <summary>Chart.js's licence text (MIT).</summary>
    public static string License => LazyLicense.Value;

    private static string Read(string name)
    {
        using var stream = typeof(ChartJsAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource '{name}' is missing from {typeof(ChartJsAsset).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
