using System.Globalization;
using System.Text.Json.Nodes;

namespace AdvCam.Cli.Tests.Commands;

public class EvaluateCommandTests
{
    [Test]
    public void Evaluating_a_trained_model_on_its_test_items_reproduces_the_metric_of_its_card()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-evaluate-").FullName;
        try
        {
            var train = AdvcamProcess.Run("train", "--task", "fashion-mnist", "--epochs", "1", "--train-subset", "128",
                "--test-subset", "100", "--batch-size", "32", "--widths", "8,16", "--out", folder);
            train.ExitCode.Should().Be(0, train.Error);
            var card = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "model.json")))!["metrics"]!["top1"]!.GetValue<double>();

            var result = AdvcamProcess.Run("evaluate", "--model", folder, "--test-subset", "100", "--batch-size", "7");
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Contain("fashion-mnist").And.Contain("on 100 test items");
            result.Output.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"top1 {card:F4}"));
            result.Output.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"card: {card:F4}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_missing_model_is_one_line_and_exit_code_2()
    {
        var result = AdvcamProcess.Run("evaluate", "--model", "/nonexistent/model.safetensors");
        result.ExitCode.Should().Be(2);
        result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("/nonexistent/model.safetensors");
    }
}
