using System.Text.Json.Nodes;
using AdvCam.Core.Models;
using AdvCam.Core.Plugins;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

/// <summary>
/// What the runner's tests share, made once per test run: the shipped Fashion-MNIST model, and a plugin catalog with the
/// sample plugin (plugins/SamplePlugin beside the tests) and the <see cref="RunnerPlugins"/>.
/// </summary>
internal static class RunnerFixture
{
    /// <summary>Test items in the usual data: three batches of 32, 32 and 16.</summary>
    public const int Items = 80;

    /// <summary>Batch size of the usual data.</summary>
    public const int BatchSize = 32;

    private static readonly Lazy<TrainedModel> ShippedModel = new(() => TrainedModel.Load(ShippedModels.PathOf(ShippedModels.FashionMnist)));

    private static readonly Lazy<PluginCatalog> LoadedCatalog = new(() =>
    {
        var sample = Path.Combine(TestContext.CurrentContext.TestDirectory, "plugins");
        var catalog = PluginLoader.Load(PluginSearchPath.Merge([sample, RunnerPlugins.Folder], null));
        catalog.Failures.Should().BeEmpty();
        return catalog;
    });

    /// <summary>The shipped Fashion-MNIST classifier.</summary>
    public static TrainedModel FashionMnist => ShippedModel.Value;

    /// <summary>The sample plugin and the runner's test plugins.</summary>
    public static PluginCatalog Catalog => LoadedCatalog.Value;

    /// <summary>The first <paramref name="items"/> Fashion-MNIST test items.</summary>
    public static SuiteData Data(int items = Items, int batchSize = BatchSize) => SuiteData.ForTask("fashion-mnist", items, batchSize);

    /// <summary>A runner of the shipped model on <paramref name="data"/> (default: <see cref="Data"/>).</summary>
    public static SuiteRunner Runner(SuiteData? data = null) => new(SuiteModel.From(FashionMnist), data ?? Data(), Catalog);

    /// <summary>A suite of the given plugins, seed 5.</summary>
    public static SuiteSpec Spec(params SuitePluginSpec[] plugins) => new() { Name = "test", Seed = 5, Plugins = plugins };

    /// <summary>A plugin with parameter overrides and/or severity levels.</summary>
    public static SuitePluginSpec Plugin(string name, IReadOnlyDictionary<string, string>? parameters = null, params int[] severities) =>
        new(name, parameters ?? new Dictionary<string, string>(), severities.Length == 0 ? null : severities);

    /// <summary>The results' JSON without what legitimately differs between two runs: every "seconds" and the date.</summary>
    public static string WithoutTimings(SuiteResults results)
    {
        var root = JsonNode.Parse(results.ToJson())!;
        Strip(root);
        root["environment"]!.AsObject().Remove("date");
        return root.ToJsonString();

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    o.Remove("seconds");
                    foreach (var (_, child) in o) Strip(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Strip(child);
                    break;
            }
        }
    }
}
