using System.Text.Json;
using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>
/// Reads threshold JSON into <see cref="SuiteThresholds"/>, strictly: unknown or repeated keys, wrong types, numbers out of
/// range, empty or blank patterns and a floor on a higher-is-worse metric (or a ceiling on a higher-is-better one) are
/// refused with the JSON path of the entry (<see cref="SuiteThresholdsException"/>). Comments and trailing commas are allowed.
/// </summary>
internal static class SuiteThresholdsParser
{
    private static readonly string[] TopKeys = ["description", "suite", "baseline", "tolerance", "tolerances", "floors", "ceilings", "missing", "plugin_folders"];

    public static SuiteThresholds Parse(string json, string? file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new SuiteThresholdsException(file, string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not valid JSON{where}", e);
        }
        using (document)
            return new Reader(file).Thresholds(document.RootElement);
    }

    private sealed class Reader(string? file) : StrictJsonReader
    {
        private readonly string baseDirectory = file is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(file)!;

        public SuiteThresholds Thresholds(JsonElement root)
        {
            string? suite = null, baseline = null, description = null;
            var tolerance = SuiteThresholds.DefaultTolerance;
            List<ThresholdRule> tolerances = [], floors = [], ceilings = [];
            var missing = MissingThresholdPolicy.Inconclusive;
            List<string> folders = [];
            foreach (var (key, value) in Object(root, "$", TopKeys))
            {
                var path = "$." + key;
                switch (key)
                {
                    case "description":
                        description = value.ValueKind == JsonValueKind.Null ? null : Text(value, path, allowEmpty: true);
                        break;
                    case "suite":
                        suite = FilePath(value, path);
                        break;
                    case "baseline":
                        baseline = value.ValueKind == JsonValueKind.Null ? null : FilePath(value, path);
                        break;
                    case "tolerance":
                        tolerance = Number(value, path, 0, 1, "a tolerance (a number from 0 to 1)");
                        break;
                    case "tolerances":
                        tolerances = Rules(value, path, 0, 1, "a tolerance (a number from 0 to 1)", null);
                        break;
                    case "floors":
                        floors = Rules(value, path, 0, 1, "a floor (a number from 0 to 1)", MetricDirection.HigherIsBetter);
                        break;
                    case "ceilings":
                        ceilings = Rules(value, path, 0, 1, "a ceiling (a number from 0 to 1)", MetricDirection.HigherIsWorse);
                        break;
                    case "missing":
                        missing = Text(value, path) switch
                        {
                            "inconclusive" => MissingThresholdPolicy.Inconclusive,
                            "fail" => MissingThresholdPolicy.Fail,
                            var other => throw Bad(path, $"expected \"inconclusive\" or \"fail\", got \"{other}\""),
                        };
                        break;
                    case "plugin_folders":
                        folders = Folders(value, path);
                        break;
                }
            }
            if (suite is null) throw Bad("$", "the file names no suite (\"suite\": the suite file, relative to this file)");
            return new SuiteThresholds
            {
                File = file,
                Suite = suite,
                Baseline = baseline,
                Tolerance = tolerance,
                Tolerances = tolerances,
                Floors = floors,
                Ceilings = ceilings,
                Missing = missing,
                PluginFolders = folders,
                Description = description,
            };
        }

        private List<ThresholdRule> Rules(JsonElement value, string path, double minimum, double maximum, string what, MetricDirection? direction)
        {
            var rules = new List<ThresholdRule>();
            foreach (var (pattern, entry) in Object(value, path, null))
            {
                var at = $"{path}['{pattern}']";
                if (string.IsNullOrWhiteSpace(pattern) || pattern.Any(char.IsWhiteSpace))
                    throw Bad(at, "a case pattern must be non-empty and without white space (e.g. \"gaussian-blur/s3/top1\", \"*/fooling_rate\")");
                if (direction is { } d && LiteralMetric(pattern) is { } metric && MetricDirections.Of(metric) != d)
                    throw Bad(at, d == MetricDirection.HigherIsBetter
                        ? $"'{metric}' is a metric where higher is worse: give its limit under \"ceilings\""
                        : $"'{metric}' is a metric where higher is better: give its limit under \"floors\"");
                rules.Add(new ThresholdRule(pattern, Number(entry, at, minimum, maximum, what), at));
            }
            return rules;
        }

        /// <summary>The metric a pattern ends in when its last segment has no wildcard and names a known metric.</summary>
        private static string? LiteralMetric(string pattern)
        {
            var last = pattern[(pattern.LastIndexOf('/') + 1)..];
            return last.Contains('*') || !KnownMetrics.Contains(last) ? null : last;
        }

        private static readonly HashSet<string> KnownMetrics = new(StringComparer.Ordinal)
        {
            SuiteMetrics.Top1, SuiteMetrics.MeanAveragePrecision, SuiteMetrics.Consistency, SuiteMetrics.FoolingRate,
            SuiteMetrics.WorstFoolingRate, SuiteMetrics.SeedMeanIoU, SuiteMetrics.SeedNoiseRatio, SuiteMetrics.SeedBestMeanIoU,
            SuiteMetrics.SeedBestNoiseRatio, SuiteMetrics.MeanIoU,
        };

        private List<string> Folders(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array) throw Bad(path, $"expected a list of folders, got {JsonValueText.Describe(value)}");
            var list = new List<string>();
            var index = 0;
            foreach (var entry in value.EnumerateArray()) list.Add(FilePath(entry, $"{path}[{index++}]"));
            return list;
        }

        private string FilePath(JsonElement value, string path)
        {
            var text = Text(value, path);
            try
            {
                return Path.GetFullPath(text, baseDirectory);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw Bad(path, $"'{text}' is not a valid path: {e.Message}");
            }
        }

        private double Number(JsonElement value, string path, double minimum, double maximum, string what)
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < minimum || number > maximum)
                throw Bad(path, $"expected {what}, got {JsonValueText.Describe(value)}");
            return number;
        }

        protected override SuiteThresholdsException Bad(string path, string problem) => new(file, path, problem);

        /// <summary>Case patterns hold slashes and stars, so their entries are named <c>path['pattern']</c>.</summary>
        protected override string FreeKeyPath(string path, string key) => $"{path}['{key}']";
    }
}
