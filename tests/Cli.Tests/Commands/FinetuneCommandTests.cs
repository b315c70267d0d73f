using System.Text.Json.Nodes;

namespace AdvCam.Cli.Tests.Commands;

public class FinetuneCommandTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-cli-finetune-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string TinyBase()
    {
        var output = Path.Combine(folder, "base");
        var train = AdvcamProcess.Run("train", "--task", "fashion-mnist", "--epochs", "1", "--train-subset", "64",
            "--test-subset", "50", "--batch-size", "32", "--widths", "8,16", "--out", output);
        train.ExitCode.Should().Be(0, train.Error);
        return output;
    }

    [TestCase("blur-mix", "blur-mix")]
    [TestCase("advbn", "advbn-finetune")]
    public void A_recipe_fine_tunes_a_model_into_a_model_file_and_a_card_naming_base_recipe_and_parameters(string recipe, string plugin)
    {
        var baseModel = TinyBase();
        var output = Path.Combine(folder, "tuned");
        var result = AdvcamProcess.Run("finetune", "--model", baseModel, "--recipe", recipe, "--epochs", "1", "--lr", "0.01",
            "--train-subset", "64", "--test-subset", "50", "--batch-size", "32", "--out", output);

        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain(plugin).And.Contain("top1");
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "model.json")))!;
        card["task"]!.GetValue<string>().Should().Be("fashion-mnist");
        card["fine_tuning"]!["recipe"]!.GetValue<string>().Should().Be(plugin);
        card["fine_tuning"]!["base_model"]!.GetValue<string>().Should().EndWith(Path.Combine("base", "model.safetensors"));
        card["fine_tuning"]!["parameters"]!.AsObject().Should().NotBeEmpty();

        var evaluate = AdvcamProcess.Run("evaluate", "--model", output, "--test-subset", "50");
        evaluate.ExitCode.Should().Be(0, evaluate.Error);
    }

    [TestCase(new[] { "--recipe", "sharpen" }, "no fine-tuning recipe 'sharpen' (known: ")]
    [TestCase(new[] { "--recipe", "defocus-blur" }, "'defocus-blur' is a plugin but not a fine-tuning recipe")]
    [TestCase(new[] { "--recipe", "blur-mix", "--param", "p" }, "--param must be NAME=VALUE, got 'p'")]
    [TestCase(new[] { "--recipe", "blur-mix", "--param", "p=2" }, "value '2' of parameter 'p' must be a probability in [0, 1]")]
    [TestCase(new[] { "--recipe", "blur-mix", "--param", "radius=2" }, "plugin 'blur-mix' has no parameter 'radius'")]
    [TestCase(new[] { "--recipe", "advbn", "--param", "eps=-1" }, "parameter 'eps' must be a finite number of at least 0")]
    [TestCase(new[] { "--recipe", "blur-mix", "--epochs", "0" }, "epochs must be at least 1, not 0")]
    [TestCase(new[] { "--recipe", "blur-mix", "--lr", "0" }, "the learning rate must be positive")]
    [TestCase(new[] { "--recipe", "blur-mix", "--train-subset", "0" }, "the train subset must be at least 1")]
    public void Bad_options_are_one_line_and_exit_code_2(string[] options, string message)
    {
        var result = AdvcamProcess.Run(["finetune", "--model", "models/fashion-mnist", "--out", Path.Combine(folder, "x"), .. options]);
        result.ExitCode.Should().Be(2, result.Output);
        result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(message);
        Directory.Exists(Path.Combine(folder, "x")).Should().BeFalse("nothing is written when the options are refused");
    }

    [Test]
    public void A_missing_base_model_is_refused_naming_it()
    {
        var result = AdvcamProcess.Run("finetune", "--model", "/nonexistent/model", "--recipe", "blur-mix", "--out", Path.Combine(folder, "x"));
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("/nonexistent/model");
    }
}
