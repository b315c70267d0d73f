using System.Text.Json;

namespace AdvCam.Core.Running;

/// <summary>
/// Reads suite JSON into a <see cref="SuiteSpec"/>, strictly: unknown or repeated keys, wrong types and out-of-range
/// numbers are refused with the JSON path of the entry (<see cref="SuiteSpecException"/>). Comments and trailing commas
/// are allowed.
/// </summary>
internal static class SuiteSpecParser
{
    private static readonly string[] TopKeys = ["name", "description", "model", "data", "seed", "plugins"];
    private static readonly string[] DataKeys = ["test_subset", "batch_size", "voc", "voc_split"];
    private static readonly string[] PluginKeys = ["name", "parameters", "severities", "under"];
    private static readonly string[] UnderKeys = ["name", "parameters", "severities"];

    public static SuiteSpec Parse(string json, string? file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new SuiteSpecException(file, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not valid JSON{where}", e);
        }
        using (document)
        {
            var reader = new Reader(file);
            return reader.Suite(document.RootElement);
        }
    }

    private sealed class Reader(string? file) : StrictJsonReader
    {
        public SuiteSpec Suite(JsonElement root)
        {
            var properties = Object(root, "$", TopKeys);
            string? name = null, description = null, model = null;
            int? testSubset = null;
            string? voc = null;
            var vocSplit = SuiteSpec.DefaultVocSplit;
            var batchSize = SuiteSpec.DefaultBatchSize;
            long seed = 0;
            List<SuitePluginSpec>? plugins = null;
            foreach (var (key, value) in properties)
            {
                var path = "$." + key;
                switch (key)
                {
                    case "name":
                        name = Text(value, path);
                        break;
                    case "description":
                        description = value.ValueKind == JsonValueKind.Null ? null : Text(value, path, allowEmpty: true);
                        break;
                    case "model":
                        model = value.ValueKind == JsonValueKind.Null ? null : Text(value, path);
                        break;
                    case "data":
                        (testSubset, batchSize, voc, vocSplit) = Data(value, path);
                        break;
                    case "seed":
                        seed = Integer(value, path, long.MinValue, "a whole number");
                        break;
                    case "plugins":
                        plugins = value.ValueKind == JsonValueKind.Null ? null : Plugins(value, path);
                        break;
                }
            }
            return new SuiteSpec
            {
                Name = name ?? (file is null ? "suite" : Path.GetFileNameWithoutExtension(file)),
                Description = description,
                Model = model,
                TestSubset = testSubset,
                BatchSize = batchSize,
                Seed = seed,
                Plugins = plugins,
                SourceFile = file,
                Voc = voc,
                VocSplit = vocSplit,
            };
        }

        private (int? TestSubset, int BatchSize, string? Voc, string VocSplit) Data(JsonElement value, string path)
        {
            int? testSubset = null;
            var batchSize = SuiteSpec.DefaultBatchSize;
            string? voc = null;
            var vocSplit = SuiteSpec.DefaultVocSplit;
            var splitGiven = false;
            foreach (var (key, entry) in Object(value, path, DataKeys))
            {
                var at = path + "." + key;
                switch (key)
                {
                    case "test_subset":
                        testSubset = entry.ValueKind == JsonValueKind.Null ? null : checked((int)Integer(entry, at, 1, "a whole number of at least 1", int.MaxValue));
                        break;
                    case "voc":
                        voc = entry.ValueKind == JsonValueKind.Null ? null : Text(entry, at);
                        break;
                    case "voc_split":
                        vocSplit = Text(entry, at);
                        splitGiven = true;
                        break;
                    default:
                        batchSize = checked((int)Integer(entry, at, 1, "a whole number of at least 1", int.MaxValue));
                        break;
                }
            }
            if (splitGiven && voc is null) throw Bad(path + ".voc_split", "is given without \"voc\" (the VOC root it is a split of)");
            return (testSubset, batchSize, voc, vocSplit);
        }

        private List<SuitePluginSpec> Plugins(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
                throw Bad(path, $"expected a list of plugins (names or {{\"name\": ..., \"parameters\": ..., \"severities\": ...}} objects), got {JsonValueText.Describe(value)}");
            var result = new List<SuitePluginSpec>();
            var index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                var at = $"{path}[{index++}]";
                result.Add(entry.ValueKind == JsonValueKind.String ? new SuitePluginSpec(PluginName(entry, at)) : Plugin(entry, at));
            }
            return result;
        }

        private SuitePluginSpec Plugin(JsonElement value, string path, bool nested = false)
        {
            if (value.ValueKind != JsonValueKind.Object)
                throw Bad(path, $"expected a plugin name or an object with \"name\", \"parameters\" and \"severities\", got {JsonValueText.Describe(value)}");
            string? name = null;
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            List<int>? severities = null;
            List<SuitePluginSpec>? under = null;
            foreach (var (key, entry) in Object(value, path, nested ? UnderKeys : PluginKeys))
            {
                var at = path + "." + key;
                switch (key)
                {
                    case "name":
                        name = PluginName(entry, at);
                        break;
                    case "parameters":
                        if (entry.ValueKind == JsonValueKind.Null) break;
                        foreach (var (parameter, setting) in Object(entry, at, null))
                            if (!parameters.TryAdd(parameter, Setting(setting, at + "." + parameter)))
                                throw Bad(at + "." + parameter, $"parameter '{parameter}' is given twice (names are compared ignoring case)");
                        break;
                    case "severities":
                        severities = entry.ValueKind == JsonValueKind.Null ? null : Severities(entry, at);
                        break;
                    case "under":
                        under = entry.ValueKind == JsonValueKind.Null ? null : Under(entry, at);
                        break;
                }
            }
            if (name is null) throw Bad(path, "the plugin has no \"name\"");
            if (under is not null && severities is not null)
                throw Bad(path + ".severities", "a plugin measured \"under\" perturbations is an inference defence, which has no severities (give them to the perturbations in \"under\")");
            return new SuitePluginSpec(name, parameters, severities, under);
        }

        /// <summary>The image perturbations an inference defence is measured under: names or objects without <c>under</c>.</summary>
        private List<SuitePluginSpec> Under(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
                throw Bad(path, $"expected a list of image perturbations (names or {{\"name\": ..., \"parameters\": ..., \"severities\": ...}} objects), got {JsonValueText.Describe(value)}");
            var result = new List<SuitePluginSpec>();
            var index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                var at = $"{path}[{index++}]";
                result.Add(entry.ValueKind == JsonValueKind.String ? new SuitePluginSpec(PluginName(entry, at)) : Plugin(entry, at, nested: true));
            }
            if (result.Count == 0) throw Bad(path, "the list of perturbations is empty: list at least one, or leave \"under\" out");
            return result;
        }

        private string PluginName(JsonElement value, string path)
        {
            var name = Text(value, path);
            if (name.Any(char.IsWhiteSpace)) throw Bad(path, $"plugin name '{name}' contains white space");
            return name;
        }

        private List<int> Severities(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array)
                throw Bad(path, $"expected a list of severity levels (whole numbers from 1), got {JsonValueText.Describe(value)}");
            var levels = new List<int>();
            var index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                var at = $"{path}[{index++}]";
                var level = checked((int)Integer(entry, at, 1, "a severity level (a whole number of at least 1)", int.MaxValue));
                if (levels.Contains(level)) throw Bad(at, $"severity level {level} is listed twice");
                levels.Add(level);
            }
            if (levels.Count == 0) throw Bad(path, "the list of severity levels is empty: list at least one, or leave \"severities\" out for all of them");
            return levels;
        }

        /// <summary>A parameter value: a string as it is; a number as its JSON text; true/false.</summary>
        private string Setting(JsonElement value, string path) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw Bad(path, $"expected a parameter value (a string, number or true/false), got {JsonValueText.Describe(value)}"),
        };

        private long Integer(JsonElement value, string path, long minimum, string what, long maximum = long.MaxValue)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < minimum || number > maximum)
                throw Bad(path, $"expected {what}, got {JsonValueText.Describe(value)}");
            return number;
        }

        protected override SuiteSpecException Bad(string path, string problem) => new(file, path, problem);
    }
}
