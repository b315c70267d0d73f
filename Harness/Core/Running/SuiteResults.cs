using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdvCam.Core.Running;

/// <summary>
/// Everything a suite run produced: the environment, the model and data, the clean metrics, every plugin's status and
/// measurements, and what the plugin loader could not load. Written as JSON (snake_case keys) by <see cref="WriteTo"/>;
/// the schema is in <c>docs/results-schema.md</c>.
/// </summary>
/// <param name="SchemaVersion">The version of the JSON schema (<see cref="CurrentSchemaVersion"/>).</param>
/// <param name="Suite">Which suite ran.</param>
/// <param name="Status">Completed, or cancelled (what finished is kept).</param>
/// <param name="Environment">Where and with what it ran.</param>
/// <param name="Model">The model.</param>
/// <param name="Data">The data.</param>
/// <param name="Clean">The model on the clean data, or null when the run was cancelled before the clean pass finished.</param>
/// <param name="Plugins">Each plugin's result, in the suite's order.</param>
/// <param name="LoadFailures">What the plugin loader could not load.</param>
/// <param name="Seconds">How long the run took.</param>
public sealed record SuiteResults(
    int SchemaVersion,
    SuiteInfo Suite,
    SuiteStatus Status,
    SuiteEnvironment Environment,
    SuiteModelInfo Model,
    SuiteDataInfo Data,
    CleanResult? Clean,
    IReadOnlyList<PluginResult> Plugins,
    IReadOnlyList<LoadFailureInfo> LoadFailures,
    double Seconds)
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The file name <see cref="WriteTo"/> writes.</summary>
    public const string FileName = "results.json";

    /// <summary>The serializer settings of the results file: snake_case keys (dictionary keys, such as parameter names and
    /// metadata keys, as they are), enums as snake_case strings, indented, nulls written.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>The results as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads results written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The text.</param>
    /// <exception cref="JsonException">The text is not results JSON.</exception>
    public static SuiteResults FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<SuiteResults>(json, JsonOptions) ?? throw new JsonException("the results JSON is null");
    }

    /// <summary>
    /// Writes <see cref="FileName"/> into <paramref name="folder"/> (created when missing), atomically: a reader sees the
    /// previous file or the complete new one, never a partial one.
    /// </summary>
    /// <param name="folder">The output folder.</param>
    /// <returns>The file's full path.</returns>
    public string WriteTo(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, FileName));
        AtomicWrite.WriteAllBytes(path, Encoding.UTF8.GetBytes(ToJson() + "\n"));
        return path;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            // A file for people and programs, never embedded in HTML: keep quotes, '+' and '>' readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
