using AdvCam.Core.Models;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

public class SuiteSpecTests
{
    [Test]
    public void A_full_suite_is_read_with_every_field()
    {
        var spec = SuiteSpec.Parse("""
            {
              // comments and trailing commas are allowed
              "name": "blur-smoke",
              "description": "a smoke test",
              "model": "runs/fmnist",
              "data": { "test_subset": 256, "batch_size": 32 },
              "seed": -7,
              "plugins": [
                "sample-invert",
                { "name": "gaussian-blur", "parameters": { "sigma": 1.5, "mode": "reflect", "fast": true }, "severities": [3, 1] },
              ],
            }
            """, "/suites/smoke.json");

        spec.Name.Should().Be("blur-smoke");
        spec.Description.Should().Be("a smoke test");
        spec.Model.Should().Be("runs/fmnist");
        spec.TestSubset.Should().Be(256);
        spec.BatchSize.Should().Be(32);
        spec.Seed.Should().Be(-7);
        spec.SourceFile.Should().Be("/suites/smoke.json");
        spec.Plugins.Should().HaveCount(2);
        spec.Plugins![0].Name.Should().Be("sample-invert");
        spec.Plugins[0].Parameters.Should().BeEmpty();
        spec.Plugins[0].Severities.Should().BeNull();
        spec.Plugins[1].Name.Should().Be("gaussian-blur");
        spec.Plugins[1].Parameters.Should().Equal(new Dictionary<string, string> { ["sigma"] = "1.5", ["mode"] = "reflect", ["fast"] = "true" });
        spec.Plugins[1].Severities.Should().Equal(3, 1);
        spec.ResolveModelPath().Should().Be("/suites/runs/fmnist", "a relative model path starts from the suite file's folder");
    }

    [Test]
    public void Defaults_name_from_the_file_batch_size_seed_and_all_plugins()
    {
        var spec = SuiteSpec.Parse("""{ "model": "fashion-mnist" }""", "/suites/nightly.json");
        spec.Name.Should().Be("nightly");
        spec.BatchSize.Should().Be(SuiteSpec.DefaultBatchSize);
        spec.Seed.Should().Be(0);
        spec.TestSubset.Should().BeNull();
        spec.Plugins.Should().BeNull("no list means every plugin found");
        spec.ResolveModelPath().Should().Be(ShippedModels.PathOf(ShippedModels.FashionMnist));
        SuiteSpec.Parse("{}").Model.Should().BeNull();
        SuiteSpec.Parse("""{ "plugins": [] }""").Plugins.Should().BeEmpty();
    }

    [TestCase("""[]""", "$", "expected an object")]
    [TestCase("""{ "model": 3 }""", "$.model", "expected a string, got the number 3")]
    [TestCase("""{ "seeed": 1 }""", "$.seeed", "unknown key 'seeed'")]
    [TestCase("""{ "seed": 1.5 }""", "$.seed", "expected a whole number")]
    [TestCase("""{ "seed": 1, "seed": 2 }""", "$.seed", "given twice")]
    [TestCase("""{ "data": { "test_subset": 0 } }""", "$.data.test_subset", "at least 1")]
    [TestCase("""{ "data": { "batch_size": "64" } }""", "$.data.batch_size", "the string \"64\"")]
    [TestCase("""{ "data": { "workers": 2 } }""", "$.data.workers", "unknown key 'workers'")]
    [TestCase("""{ "plugins": "sample-invert" }""", "$.plugins", "expected a list of plugins")]
    [TestCase("""{ "plugins": ["a", 3] }""", "$.plugins[1]", "expected a plugin name or an object")]
    [TestCase("""{ "plugins": ["a", { "parameters": {} }] }""", "$.plugins[1]", "has no \"name\"")]
    [TestCase("""{ "plugins": [{ "name": "a", "parameters": { "x": null } }] }""", "$.plugins[0].parameters.x", "expected a parameter value")]
    [TestCase("""{ "plugins": [{ "name": "a", "parameters": { "x": "1", "X": "2" } }] }""", "$.plugins[0].parameters.X", "given twice")]
    [TestCase("""{ "plugins": [{ "name": "a", "severities": [1, 0] }] }""", "$.plugins[0].severities[1]", "severity level")]
    [TestCase("""{ "plugins": [{ "name": "a", "severities": [2, 2] }] }""", "$.plugins[0].severities[1]", "listed twice")]
    [TestCase("""{ "plugins": [{ "name": "a", "severities": [] }] }""", "$.plugins[0].severities", "empty")]
    [TestCase("""{ "plugins": [{ "name": "a", "severity": [1] }] }""", "$.plugins[0].severity", "unknown key 'severity'")]
    [TestCase("""{ "plugins": [{ "name": "two words" }] }""", "$.plugins[0].name", "white space")]
    [TestCase("""{ "name": "" }""", "$.name", "is empty")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": "pixel-shift" }] }""", "$.plugins[0].under", "expected a list of image perturbations")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": [] }] }""", "$.plugins[0].under", "empty")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": ["a", { "name": "b", "under": ["c"] }] }] }""", "$.plugins[0].under[1].under", "unknown key 'under'")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": [{ "name": "b", "severity": [1] }] }] }""", "$.plugins[0].under[0].severity", "unknown key 'severity'")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": [{ "name": "b", "severities": [0] }] }] }""", "$.plugins[0].under[0].severities[0]", "severity level")]
    [TestCase("""{ "plugins": [{ "name": "d", "under": [3] }] }""", "$.plugins[0].under[0]", "expected a plugin name or an object")]
    [TestCase("""{ "plugins": [{ "name": "d", "severities": [1], "under": ["a"] }] }""", "$.plugins[0].severities", "no severities")]
    public void A_bad_entry_is_refused_naming_the_file_and_its_JSON_path(string json, string path, string problem)
    {
        var act = () => SuiteSpec.Parse(json, "/suites/bad.json");
        var error = act.Should().Throw<SuiteSpecException>().Which;
        error.File.Should().Be("/suites/bad.json");
        error.JsonPath.Should().Be(path);
        error.Problem.Should().Contain(problem);
        error.Message.Should().StartWith($"suite '/suites/bad.json': {path}: ");
    }

    [Test]
    public void A_defence_is_read_with_the_perturbations_it_is_measured_under()
    {
        var spec = SuiteSpec.Parse("""
            { "plugins": [ { "name": "crop-select", "parameters": { "margin": 2 },
                             "under": ["pixel-shift", { "name": "pixel-roll", "parameters": { "x": 1 }, "severities": [2, 5] }] },
                           "pixel-shift" ] }
            """);

        var defence = spec.Plugins![0];
        defence.Parameters.Should().Equal(new Dictionary<string, string> { ["margin"] = "2" });
        defence.Severities.Should().BeNull();
        defence.Under.Should().HaveCount(2);
        defence.Under![0].Should().BeEquivalentTo(new SuitePluginSpec("pixel-shift"));
        defence.Under[1].Name.Should().Be("pixel-roll");
        defence.Under[1].Parameters.Should().Equal(new Dictionary<string, string> { ["x"] = "1" });
        defence.Under[1].Severities.Should().Equal(2, 5);
        defence.Under[1].Under.Should().BeNull();
        spec.Plugins[1].Under.Should().BeNull();
    }

    [Test]
    public void Text_that_is_not_JSON_is_refused_with_its_line()
    {
        var act = () => SuiteSpec.Parse("{\n  \"name\": \"x\",\n  \"seed\": ,\n}", "/suites/broken.json");
        var error = act.Should().Throw<SuiteSpecException>().Which;
        error.Message.Should().Contain("/suites/broken.json").And.Contain("not valid JSON at line 3");
        error.JsonPath.Should().StartWith("$");
    }

    [Test]
    public void Loading_a_file_names_it_in_errors_and_a_missing_file_is_not_found()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-suite-spec-").FullName;
        try
        {
            var path = Path.Combine(folder, "suite.json");
            File.WriteAllText(path, """{ "name": "s", "plugins": [{ "name": "a", "severities": ["all"] }] }""");
            var act = () => SuiteSpec.Load(path);
            act.Should().Throw<SuiteSpecException>().WithMessage($"suite '{path}': $.plugins[0].severities[0]: *");

            File.WriteAllText(path, """{ "name": "s", "model": "../models/m" }""");
            var spec = SuiteSpec.Load(path);
            spec.SourceFile.Should().Be(path);
            spec.ResolveModelPath().Should().Be(Path.GetFullPath(Path.Combine(folder, "..", "models", "m")));

            var missing = () => SuiteSpec.Load(Path.Combine(folder, "none.json"));
            missing.Should().Throw<FileNotFoundException>().WithMessage("*none.json*");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_suite_without_a_model_says_so_when_asked_for_its_path()
    {
        var act = () => SuiteSpec.Parse("""{ "name": "m" }""", "/suites/m.json").ResolveModelPath();
        act.Should().Throw<InvalidOperationException>().WithMessage("*'/suites/m.json' names no model ($.model)*");
    }
}
