using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>
/// The values of a suite's cases in a run taken as the reference (<c>advcam baseline</c> writes it), keyed by case name,
/// with what the run was: the suite, the model file and its SHA-256, the data, the environment. JSON with snake_case keys
/// (<see cref="SuiteResults.JsonOptions"/>); the format is in <c>docs/suites.md</c>.
/// </summary>
/// <param name="SchemaVersion">The format's version (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Kind">Always <see cref="KindName"/>.</param>
/// <param name="Suite">The suite's name.</param>
/// <param name="ModelFile">The model file's name (without its folder).</param>
/// <param name="ModelSha256">The model file's SHA-256 (lower-case hex), or null when the run had no model file.</param>
/// <param name="Task">The data's task.</param>
/// <param name="Items">The number of test items.</param>
/// <param name="Seed">The suite's seed.</param>
/// <param name="Environment">Where the baseline was recorded.</param>
/// <param name="Values">Each case's value by case name (null: undefined).</param>
public sealed record SuiteBaseline(int SchemaVersion, string Kind, string Suite, string? ModelFile, string? ModelSha256, string Task, int Items,
    long Seed, SuiteEnvironment Environment, IReadOnlyDictionary<string, double?> Values)
{
    /// <summary>The format version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The value of <see cref="Kind"/>.</summary>
    public const string KindName = "advcam-baseline";

    /// <summary>The baseline of <paramref name="results"/>: the value of every measured case of <paramref name="cases"/>.</summary>
    /// <param name="results">A completed run.</param>
    /// <param name="cases">The suite's cases.</param>
    public static SuiteBaseline From(SuiteResults results, IReadOnlyList<RegressionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(cases);
        var values = new SortedDictionary<string, double?>(StringComparer.Ordinal);
        foreach (var c in cases)
            if (c.Find(results) is { } measured) values[c.Name] = measured.Value;
        return new SuiteBaseline(CurrentSchemaVersion, KindName, results.Suite.Name, results.Model.Path is null ? null : Path.GetFileName(results.Model.Path),
            Sha256Of(results.Model.Path), results.Data.Task, results.Data.Items, results.Environment.Seed, results.Environment, values);
    }

    /// <summary>The SHA-256 of a file (lower-case hex), or null when there is no such file.</summary>
    /// <param name="path">The file, or null.</param>
    public static string? Sha256Of(string? path)
    {
        if (path is null || !File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The baseline as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SuiteResults.JsonOptions);

    /// <summary>Writes the baseline to <paramref name="path"/> atomically (its folder is created when missing).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The file's full path.</returns>
    public string WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicWrite.WriteAllBytes(full, Encoding.UTF8.GetBytes(ToJson() + "\n"));
        return full;
    }

    /// <summary>Reads a baseline file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SuiteThresholdsException">The file is not a baseline; the message names it.</exception>
    public static SuiteBaseline Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"baseline file '{path}' does not exist", full);
        SuiteBaseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize<SuiteBaseline>(File.ReadAllText(full), SuiteResults.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SuiteThresholdsException(full, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not a baseline file: {e.Message}", e);
        }
        if (baseline is null) throw new SuiteThresholdsException(full, "$", "not a baseline file: null");
        if (baseline.Kind != KindName) throw new SuiteThresholdsException(full, "$.kind", $"not a baseline file (kind '{baseline.Kind}', expected '{KindName}')");
        if (baseline.SchemaVersion != CurrentSchemaVersion)
            throw new SuiteThresholdsException(full, "$.schema_version", $"baseline format {baseline.SchemaVersion}; this AdvCam reads {CurrentSchemaVersion}: record it again with advcam baseline");
        if (baseline.Values is null) throw new SuiteThresholdsException(full, "$.values", "missing");
        return baseline;
    }
}
