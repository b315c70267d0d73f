using AdvCam.Core.Plugins;

namespace AdvCam.Plugins.Segmentation.Tests;

/// <summary>The built-in attribution and segmentation plugins, loaded by the plugin loader from test-plugins/ beside the tests.</summary>
internal static class TestPlugins
{
    /// <summary>The folder the build copies the plugins to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "test-plugins");

    /// <summary>A fresh catalog of the plugins (unload it when done).</summary>
    public static PluginCatalog Load()
    {
        var catalog = PluginLoader.Load(Folder);
        catalog.Failures.Should().BeEmpty();
        return catalog;
    }
}
