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
    public void Ctrl_c_stops_after_a_checkpoint_with_exit_code_130_and_resume_finishes_the_run()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-interrupt-").FullName;
        string[] args = ["train", "--task", "fashion-mnist", "--epochs", "200", "--train-subset", "128", "--test-subset", "32",
            "--batch-size", "32", "--widths", "4", "--workers", "0", "--out", folder];
        try
        {
            using (var process = AdvcamProcess.Start(new Dictionary<string, string>(), args))
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = new System.Text.StringBuilder();
                string? line;
                while ((line = process.StandardError.ReadLine()) is not null)
                {
                    error.AppendLine(line);
                    if (line.StartsWith("epoch 1/200 done", StringComparison.Ordinal)) break;
                }
                AdvcamProcess.Interrupt(process);
                error.Append(process.StandardError.ReadToEnd());
                process.WaitForExit(60_000).Should().BeTrue("advcam should stop soon after SIGINT");
                process.ExitCode.Should().Be(130, error.ToString());
                error.ToString().Should().Contain("--resume");
                output.Result.Should().NotContain("model ");
            }
            File.Exists(Path.Combine(folder, "checkpoint.safetensors")).Should().BeTrue();
            File.Exists(Path.Combine(folder, "model.safetensors")).Should().BeFalse();

            var resumed = AdvcamProcess.Run([.. args.Select(a => a == "200" ? "3" : a), "--resume"]);
            resumed.ExitCode.Should().Be(0, resumed.Error);
            File.Exists(Path.Combine(folder, "model.safetensors")).Should().BeTrue();
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
