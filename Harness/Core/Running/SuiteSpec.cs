using AdvCam.Core.Models;

namespace AdvCam.Core.Running;

/// <summary>
/// What a suite runs: a model, the test data of its task, a seed and the plugins (with parameter overrides and severity
/// levels). Read from a JSON file (<see cref="Load"/>; the format is in <c>docs/suites.md</c>).
/// </summary>
/// <remarks>
/// <para>Example:</para>
/// <code>
/// {
///   "name": "blur-smoke",
///   "model": "fashion-mnist",
///   "data": { "test_subset": 256, "batch_size": 64 },
///   "seed": 0,
///   "plugins": [
///     "sample-invert",
///     { "name": "gaussian-blur", "parameters": { "sigma_max": "3" }, "severities": [1, 3] }
///   ]
/// }
/// </code>
/// <para><c>model</c> is a shipped model's name (<see cref="ShippedModels.FashionMnist"/>,
/// <see cref="ShippedModels.FashionScenes"/>) or a path to a model file or folder, relative to the suite file's folder.
/// Without <c>plugins</c>, every plugin the loader found runs with its defaults.</para>
/// </remarks>
public sealed record SuiteSpec
{
    /// <summary>Images per batch when the suite does not say.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>The suite's name, for reports (default: the file name without its extension).</summary>
    public required string Name { get; init; }

    /// <summary>What the suite is for, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The model as written in the suite (a shipped name or a path), or null when the suite names none (the
    /// command line must then give one).</summary>
    public string? Model { get; init; }

    /// <summary>Use only the first N items of the task's test split (null: all of them).</summary>
    public int? TestSubset { get; init; }

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>The run's seed: each batch's perturbation seed is derived from it (<see cref="SuiteSeeds"/>).</summary>
    public long Seed { get; init; }

    /// <summary>The plugins to run, in order, or null for every plugin the loader found.</summary>
    public IReadOnlyList<SuitePluginSpec>? Plugins { get; init; }

    /// <summary>The VOC split read when the suite names VOC data but no split.</summary>
    public const string DefaultVocSplit = "val";

    /// <summary>A PASCAL VOC-layout data set to run on instead of the model's task's test split (<c>data.voc</c>: its
    /// root, relative to the suite file), or null. <see cref="ResolveVocPath"/> gives the full path.</summary>
    public string? Voc { get; init; }

    /// <summary>The split of <see cref="Voc"/> (<c>data.voc_split</c>: the list <c>ImageSets/Segmentation/&lt;split&gt;.txt</c>).</summary>
    public string VocSplit { get; init; } = DefaultVocSplit;

    /// <summary>The full path of <see cref="Voc"/> (relative to the suite file's folder), or null when the suite names none.</summary>
    public string? ResolveVocPath() => Voc is null ? null
        : SourceFile is null ? Path.GetFullPath(Voc) : Path.GetFullPath(Voc, Path.GetDirectoryName(SourceFile)!);

    /// <summary>The file the suite was read from (full path), or null when it was parsed from text.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Reads the suite file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="SuiteSpecException">The file is not a valid suite; the message names the file and the JSON path of
    /// the bad entry.</exception>
    public static SuiteSpec Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"suite file '{path}' does not exist", full);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SuiteSpecException(full, "$", $"cannot be read: {e.Message}", e);
        }
        return SuiteSpecParser.Parse(text, full);
    }

    /// <summary>Parses suite JSON.</summary>
    /// <param name="json">The suite's text.</param>
    /// <param name="sourceFile">The file it came from, for messages and for resolving a relative model path; null
    /// resolves it against the current directory.</param>
    /// <exception cref="SuiteSpecException">The text is not a valid suite.</exception>
    public static SuiteSpec Parse(string json, string? sourceFile = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SuiteSpecParser.Parse(json, sourceFile is null ? null : Path.GetFullPath(sourceFile));
    }

    /// <summary>
    /// The model file or folder <see cref="Model"/> names: a shipped model's folder for <c>fashion-mnist</c> and
    /// <c>fashion-scenes</c>, else the path resolved against the suite file's folder (the current directory when the
    /// suite was parsed from text). Whether it exists is left to the loader.
    /// </summary>
    /// <exception cref="InvalidOperationException">The suite names no model.</exception>
    /// <exception cref="DirectoryNotFoundException">A shipped name, and the shipped models folder is not found.</exception>
    public string ResolveModelPath() =>
        ResolveModel(Model ?? throw new InvalidOperationException(
                $"suite {(SourceFile is null ? $"'{Name}'" : $"'{SourceFile}'")} names no model ($.model)"),
            SourceFile is null ? null : Path.GetDirectoryName(SourceFile));

    /// <summary>
    /// Resolves a model as a suite or the command line names it: <see cref="ShippedModels.FashionMnist"/> and
    /// <see cref="ShippedModels.FashionScenes"/> are the shipped models (<see cref="ShippedModels.PathOf"/>); anything else
    /// is a path, relative to <paramref name="baseDirectory"/> (null: the current directory). Write
    /// <c>./fashion-mnist</c> for a folder of that name.
    /// </summary>
    /// <param name="model">The name or path.</param>
    /// <param name="baseDirectory">The folder relative paths start from, or null.</param>
    /// <exception cref="DirectoryNotFoundException">A shipped name, and the shipped models folder is not found.</exception>
    public static string ResolveModel(string model, string? baseDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (model is ShippedModels.FashionMnist or ShippedModels.FashionScenes) return ShippedModels.PathOf(model);
        return baseDirectory is null ? Path.GetFullPath(model) : Path.GetFullPath(model, baseDirectory);
    }
}
