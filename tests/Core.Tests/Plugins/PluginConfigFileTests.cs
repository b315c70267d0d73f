using AdvCam.Core.Plugins;

namespace AdvCam.Core.Tests.Plugins;

public class PluginConfigFileTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-config-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, "advcam.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public void Reads_the_plugin_folders_as_written()
    {
        var path = Write("""
            {
              // relative to this file
              "plugin_folders": ["plugins", "/opt/advcam/plugins",],
            }
            """);
        PluginConfigFile.ReadFolders(path).Should().Equal("plugins", "/opt/advcam/plugins");
        var searchPath = PluginSearchPath.Merge(null, null, PluginConfigFile.ReadFolders(path), folder);
        searchPath.Folders.Select(f => f.Path).Should().Equal(Path.Combine(folder, "plugins"), "/opt/advcam/plugins");

        PluginConfigFile.ReadFolders(Write("{}")).Should().BeEmpty();
    }

    [TestCase("""[]""", "$: expected an object")]
    [TestCase("""{ "plugin_folder": [] }""", "$.plugin_folder: unknown key 'plugin_folder'")]
    [TestCase("""{ "plugin_folders": "plugins" }""", "$.plugin_folders: expected a list")]
    [TestCase("""{ "plugin_folders": ["a", ""] }""", "$.plugin_folders[1]: expected a non-empty folder path")]
    [TestCase("""{ "plugin_folders": [], "plugin_folders": [] }""", "$.plugin_folders: 'plugin_folders' is given twice")]
    [TestCase("""{ "plugin_folders": [ }""", "not valid JSON")]
    public void A_bad_file_is_refused_naming_it_and_the_entry(string json, string message)
    {
        var path = Write(json);
        var act = () => PluginConfigFile.ReadFolders(path);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith($"configuration file '{path}': ").And.Contain(message);
    }

    [Test]
    public void A_missing_file_is_not_found() =>
        FluentActions.Invoking(() => PluginConfigFile.ReadFolders(Path.Combine(folder, "none.json")))
            .Should().Throw<FileNotFoundException>().WithMessage("*none.json*");
}
