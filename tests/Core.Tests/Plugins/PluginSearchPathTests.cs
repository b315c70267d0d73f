using AdvCam.Core.Plugins;

namespace AdvCam.Core.Tests.Plugins;

public class PluginSearchPathTests
{
    [Test]
    public void Sources_merge_in_order_command_line_environment_config_built_in()
    {
        var sep = Path.PathSeparator;
        var path = PluginSearchPath.Merge(
            commandLine: ["/p/cli"],
            environment: $"/p/env1{sep}{sep} /p/env2 ",
            configFile: ["/p/config"],
            configFileDirectory: "/etc/advcam",
            builtIn: ["/p/builtin"]);

        path.Folders.Should().Equal(
            new PluginFolder("/p/cli", PluginFolderSource.CommandLine),
            new PluginFolder("/p/env1", PluginFolderSource.Environment),
            new PluginFolder("/p/env2", PluginFolderSource.Environment),
            new PluginFolder("/p/config", PluginFolderSource.ConfigFile),
            new PluginFolder("/p/builtin", PluginFolderSource.BuiltIn));
        path.Folders.Select(f => f.Required).Should().Equal(true, true, true, true, false);
        path.ToString().Should().Be(string.Join(sep, "/p/cli", "/p/env1", "/p/env2", "/p/config", "/p/builtin"));
    }

    [Test]
    public void Relative_folders_resolve_against_the_current_directory_or_the_config_files_folder()
    {
        var path = PluginSearchPath.Merge(["cli-plugins"], "env-plugins", ["../shared-plugins"], "/etc/advcam/conf.d");

        path.Folders.Select(f => f.Path).Should().Equal(
            Path.Combine(Directory.GetCurrentDirectory(), "cli-plugins"),
            Path.Combine(Directory.GetCurrentDirectory(), "env-plugins"),
            "/etc/advcam/shared-plugins");
    }

    [Test]
    public void A_folder_named_twice_is_searched_once_at_its_first_place()
    {
        var path = PluginSearchPath.Merge(["/p/a/"], $"/p/b{Path.PathSeparator}/p/a", ["/p/b/../b"], builtIn: ["/p/a"]);

        path.Folders.Should().Equal(
            new PluginFolder("/p/a", PluginFolderSource.CommandLine),
            new PluginFolder("/p/b", PluginFolderSource.Environment));
    }

    [Test]
    public void Empty_environment_gives_no_folders_and_an_empty_folder_name_is_refused()
    {
        PluginSearchPath.SplitList(null).Should().BeEmpty();
        PluginSearchPath.SplitList("  ").Should().BeEmpty();
        PluginSearchPath.Merge(null, "").Folders.Should().BeEmpty();

        var empty = () => PluginSearchPath.Merge(["/p/a", " "], null);
        empty.Should().Throw<ArgumentException>().WithMessage("*command line (--plugins)*empty*");
    }

    [Test]
    public void Host_search_path_reads_ADVCAM_PLUGINS_and_ends_with_the_built_in_folder()
    {
        var saved = Environment.GetEnvironmentVariable(PluginSearchPath.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(PluginSearchPath.EnvironmentVariable, "/p/from-env");
            var path = PluginSearchPath.ForHost(["/p/cli"]);
            path.Folders.Should().Equal(
                new PluginFolder("/p/cli", PluginFolderSource.CommandLine),
                new PluginFolder("/p/from-env", PluginFolderSource.Environment),
                new PluginFolder(Path.TrimEndingDirectorySeparator(Path.Combine(AppContext.BaseDirectory, "plugins")), PluginFolderSource.BuiltIn));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PluginSearchPath.EnvironmentVariable, saved);
        }
    }
}
