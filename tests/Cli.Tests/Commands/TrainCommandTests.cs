namespace AdvCam.Cli.Tests.Commands;

public class TrainCommandTests
{
    [Test]
    public void Train_on_a_tiny_subset_writes_the_model_and_its_card()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-train-").FullName;
        try
        {
            var result = AdvcamProcess.Run("train", "--task", "fashion-mnist", "--epochs", "1", "--train-subset", "128",
                "--test-subset", "64", "--batch-size", "32", "--widths", "8,16", "--out", folder);
            result.ExitCode.Should().Be(0, result.Error);
            File.Exists(Path.Combine(folder, "model.safetensors")).Should().BeTrue();
            File.Exists(Path.Combine(folder, "model.json")).Should().BeTrue();
            result.Output.Should().Contain("top1");
            result.Error.Should().Contain("epoch 1/1 done");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void An_unknown_task_is_one_line_and_exit_code_2()
    {
        var result = AdvcamProcess.Run("train", "--task", "mnist-3d", "--out", Path.GetTempPath());
        result.ExitCode.Should().Be(2);
        result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("unknown task 'mnist-3d'");
    }

    [Test]
    public void A_bad_number_is_one_line_and_exit_code_2()
    {
        var result = AdvcamProcess.Run("train", "--task", "fashion-mnist", "--epochs", "many", "--out", Path.GetTempPath());
        result.ExitCode.Should().Be(2);
        result.Error.Trim().Split('\n').Should().ContainSingle();
    }
}
