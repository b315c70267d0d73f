using AdvCam.Torch;
using AdvCam.Torch.IO;

namespace AdvCam.Cli.Tests.Commands;

public class ExplainCommandTests
{
    [Test]
    public void Explaining_shipped_scenes_writes_inputs_labels_and_maps_of_the_true_classes()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-explain-").FullName;
        try
        {
            var file = Path.Combine(folder, "maps.safetensors");
            var result = AdvcamProcess.Run("explain", "--plugin", "advcam", "--set", "steps=2", "--set", "scales=1",
                "--test-subset", "3", "--batch-size", "2", "--out", file);
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Contain("advcam  3 images").And.Contain("ms/image").And.Contain("steps=2");
            var (tensors, metadata) = Safetensors.LoadWithMetadata(file);
            try
            {
                tensors["images"].shape.Should().Equal(3, 3, 64, 64);
                tensors["labels"].shape.Should().Equal(3, 10);
                tensors["maps"].shape.Should().Equal(3, 10, 64, 64);
                metadata!["plugin"].Should().Be("advcam");
                var labels = tensors["labels"].ToArray<float>();
                var peaks = tensors["maps"].amax([2L, 3L]).ToArray<float>();
                for (var j = 0; j < labels.Length; j++)
                {
                    if (labels[j] == 0) peaks[j].Should().Be(0, $"map {j} is of a class the scene does not have");
                    else peaks[j].Should().BeInRange(0.9f, 1f, $"map {j} is normalised by its maximum");
                }
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void An_unknown_plugin_or_bad_setting_is_one_line_and_exit_code_2()
    {
        var unknown = AdvcamProcess.Run("explain", "--plugin", "no-such-plugin");
        unknown.ExitCode.Should().Be(2);
        unknown.Error.Should().Contain("no plugin 'no-such-plugin'");
        var bad = AdvcamProcess.Run("explain", "--set", "steps=-3");
        bad.ExitCode.Should().Be(2);
        bad.Error.Should().Contain("'steps'");
        var notAttribution = AdvcamProcess.Run("explain", "--plugin", "pixel-shift");
        notAttribution.ExitCode.Should().Be(2);
        notAttribution.Error.Should().Contain("not an attribution plugin");
        var precision = AdvcamProcess.Run("explain", "--dtype", "float16");
        precision.ExitCode.Should().Be(2);
        precision.Error.Should().Contain("--dtype must be float32 or float64, got 'float16'");
    }

    [Test]
    public void Float64_runs_the_model_and_the_maps_in_double_precision()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-explain-").FullName;
        try
        {
            var file = Path.Combine(folder, "maps.safetensors");
            var result = AdvcamProcess.Run("explain", "--plugin", "cam", "--test-subset", "2", "--dtype", "float64", "--out", file);
            result.ExitCode.Should().Be(0, result.Error);
            var (tensors, metadata) = Safetensors.LoadWithMetadata(file);
            try
            {
                tensors["images"].dtype.Should().Be(ScalarType.Float64);
                tensors["maps"].dtype.Should().Be(ScalarType.Float64);
                metadata!["dtype"].Should().Be("float64");
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
