namespace AdvCam.Core.Regression;

/// <summary>
/// A suite threshold file: which suite to run, its baseline file, and what each case must meet: floors (metrics where
/// higher is better), ceilings (higher is worse), and a tolerance against the baseline. The format is in
/// <c>docs/suites.md</c>; <see cref="Load"/> reads it strictly.
/// </summary>
/// <remarks>
/// <para>Example:</para>
/// <code>
/// {
///   "suite": "suite.json",
///   "baseline": "baseline.json",
///   "tolerance": 0.02,
///   "tolerances": { "advbn/*": 0.05 },
///   "floors": { "clean/top1": 0.9, "gaussian-blur/s1/top1": 0.85, "*/consistency": 0.2 },
///   "ceilings": { "pixel-shift/worst_fooling_rate": 0.1 }
/// }
/// </code>
/// </remarks>
public sealed record SuiteThresholds
{
    /// <summary>The tolerance when the file gives none.</summary>
    public const double DefaultTolerance = 0.02;

    /// <summary>The file's full path, or null when parsed from text.</summary>
    public string? File { get; init; }

    /// <summary>The suite file's full path.</summary>
    public required string Suite { get; init; }

    /// <summary>The baseline file's full path (it may not exist yet: <c>advcam baseline</c> writes it), or null for none.</summary>
    public string? Baseline { get; init; }

    /// <summary>How far a value may be worse than its baseline value when no rule of <see cref="Tolerances"/> matches.</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Tolerances by case pattern.</summary>
    public IReadOnlyList<ThresholdRule> Tolerances { get; init; } = [];

    /// <summary>Floors by case pattern: applied to the matching cases whose metric is higher-is-better.</summary>
    public IReadOnlyList<ThresholdRule> Floors { get; init; } = [];

    /// <summary>Ceilings by case pattern: applied to the matching cases whose metric is higher-is-worse.</summary>
    public IReadOnlyList<ThresholdRule> Ceilings { get; init; } = [];

    /// <summary>What a case without a limit or baseline value does.</summary>
    public MissingThresholdPolicy Missing { get; init; } = MissingThresholdPolicy.Inconclusive;

    /// <summary>Plugin folders (full paths) searched besides <c>ADVCAM_PLUGINS</c> and the built-in folder, as a
    /// configuration file's <c>plugin_folders</c>.</summary>
    public IReadOnlyList<string> PluginFolders { get; init; } = [];

    /// <summary>Free text, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The floor (higher-is-better metric) or ceiling (higher-is-worse) that applies to <paramref name="c"/>, or null.</summary>
    /// <param name="c">The case.</param>
    public ThresholdRule? LimitFor(RegressionCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Metric is null) return null;
        return ThresholdRule.Pick(c.Direction == MetricDirection.HigherIsBetter ? Floors : Ceilings, c.Name);
    }

    /// <summary>The tolerance that applies to <paramref name="c"/>.</summary>
    /// <param name="c">The case.</param>
    public double ToleranceFor(RegressionCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return ThresholdRule.Pick(Tolerances, c.Name)?.Value ?? Tolerance;
    }

    /// <summary>The rules that apply to none of <paramref name="cases"/> (a misspelt pattern, or a plugin no longer in the
    /// suite), each as <c>$.floors['pattern']</c>.</summary>
    /// <param name="cases">The suite's cases.</param>
    public IReadOnlyList<ThresholdRule> Unused(IReadOnlyList<RegressionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var measured = cases.Where(c => c.Metric is not null).ToArray();
        return Floors.Where(r => !measured.Any(c => c.Direction == MetricDirection.HigherIsBetter && r.Matches(c.Name)))
            .Concat(Ceilings.Where(r => !measured.Any(c => c.Direction == MetricDirection.HigherIsWorse && r.Matches(c.Name))))
            .Concat(Tolerances.Where(r => !measured.Any(c => r.Matches(c.Name))))
            .ToArray();
    }

    /// <summary>Reads the threshold file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SuiteThresholdsException">The file is not valid; the message names the file and the JSON path.</exception>
    public static SuiteThresholds Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full)) throw new FileNotFoundException($"threshold file '{path}' does not exist", full);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuiteThresholdsException(full, "$", $"cannot be read: {e.Message}", e);
        }
        return SuiteThresholdsParser.Parse(text, full);
    }

    /// <summary>Parses threshold JSON; relative paths are resolved against <paramref name="sourceFile"/>'s folder (the
    /// current directory when null).</summary>
    /// <param name="json">The text.</param>
    /// <param name="sourceFile">The file it came from, or null.</param>
    /// <exception cref="SuiteThresholdsException">The text is not valid.</exception>
    public static SuiteThresholds Parse(string json, string? sourceFile = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SuiteThresholdsParser.Parse(json, sourceFile is null ? null : Path.GetFullPath(sourceFile));
    }
}
