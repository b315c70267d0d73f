namespace AdvCam.Cli.Tests.Commands;

public class PluginsCommandTests
{
    /// <summary>Where the test project's build puts the sample plugin (build/PluginCopy.targets, Folder="sample-plugins").</summary>
    private static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    [Test]
    public void Lists_the_sample_plugin_when_given_its_folder()
    {
        var result = AdvcamProcess.Run("plugins", "--plugins", SampleFolder);
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain($"{SampleFolder}  (--plugins)");
        result.Output.Should().Contain("sample-invert  [image_perturbation]");
        result.Output.Should().Contain("Sample plugin: inverts the images");
        result.Output.Should().Contain("parameters: none");
        result.Output.Should().Contain($"source: {Path.Combine(SampleFolder, "SamplePlugin", "AdvCam.Samples.SamplePlugin.dll")}");
        result.Output.Should().NotContain("failure");
    }

    /// <summary>
    /// The built-in plugins come from plugins/ beside advcam, where the build copies every Plugins/ project's output
    /// (build/PluginCopy.targets), and the loader finds them there as it finds a third-party plugin.
    /// </summary>
    [Test]
    public void Lists_the_built_in_shift_perturbations_from_plugins_Perturbations()
    {
        var builtIn = Path.Combine(AppContext.BaseDirectory, "plugins");
        var assembly = Path.Combine(builtIn, "Perturbations", "AdvCam.Plugins.Perturbations.dll");
        var result = AdvcamProcess.Run("plugins");
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain($"{builtIn}  (built-in)");
        result.Output.Should().Contain("pixel-shift  [image_perturbation]");
        result.Output.Should().Contain("pixel-roll  [image_perturbation]");
        result.Output.Should().Contain("pixels  integer, default 1:");
        result.Output.Should().Contain($"source: {assembly} (AdvCam.Plugins.Perturbations.Shifts.PixelShiftPerturbation)");
        result.Output.Should().Contain($"source: {assembly} (AdvCam.Plugins.Perturbations.Shifts.PixelRollPerturbation)");
        result.Output.Should().NotContain("failure");
    }

    [Test]
    public void The_sample_plugin_is_not_built_in()
    {
        var result = AdvcamProcess.Run("plugins");
        result.ExitCode.Should().Be(0, result.Error);
        result.Output.Should().Contain("(built-in");
        result.Output.Should().NotContain("sample-invert");
    }

    [Test]
    public void Folders_come_from_the_environment_and_a_configuration_file_too_and_failures_are_listed_with_reasons()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-plugins-").FullName;
        try
        {
            var broken = Directory.CreateDirectory(Path.Combine(folder, "broken")).FullName;
            File.WriteAllText(Path.Combine(broken, "notes.dll"), "not an assembly\n");
            var config = Path.Combine(folder, "advcam.json");
            File.WriteAllText(config, """{ "plugin_folders": ["broken"] }""");

            var result = AdvcamProcess.Run(new Dictionary<string, string> { ["ADVCAM_PLUGINS"] = SampleFolder }, "plugins", "--config", config);
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Contain($"{SampleFolder}  (ADVCAM_PLUGINS)");
            result.Output.Should().Contain($"{broken}  (--config)");
            result.Output.Should().Contain("sample-invert");
            result.Output.Should().Contain("1 failure:");
            result.Output.Should().Contain(Path.Combine(broken, "notes.dll")).And.Contain("not a .NET assembly");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_bad_configuration_file_is_one_line_and_exit_code_2()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-config-").FullName;
        try
        {
            var config = Path.Combine(folder, "advcam.json");
            File.WriteAllText(config, """{ "plugin_folders": ["a", 3] }""");
            var result = AdvcamProcess.Run("plugins", "--config", config);
            result.ExitCode.Should().Be(2);
            result.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain(config).And.Contain("$.plugin_folders[1]");

            var missing = AdvcamProcess.Run("plugins", "--config", Path.Combine(folder, "none.json"));
            missing.ExitCode.Should().Be(2);
            missing.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("none.json");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
