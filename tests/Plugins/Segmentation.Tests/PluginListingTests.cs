using AdvCam.Core.Plugins;

namespace AdvCam.Plugins.Segmentation.Tests;

/// <summary>The segmenters are found by the same loader as <c>advcam plugins</c> uses, beside the attribution plugins.</summary>
public class PluginListingTests
{
    [Test]
    public void The_loader_lists_both_segmenters_with_their_parameters()
    {
        using var catalog = TestPlugins.Load();
        var seed = catalog.Get("attribution-seed");
        seed.Kinds.Should().Be(PluginKinds.Segmenter);
        seed.Parameters.Select(p => (p.Name, p.DefaultValue)).Should().Equal(("attribution", "cam"), ("attribution_parameters", ""), ("threshold", "0.25"));
        seed.SourceFile.Should().EndWith(Path.Combine("Segmentation", "AdvCam.Plugins.Segmentation.dll"));
        var pseudo = catalog.Get("pseudo-label");
        pseudo.Kinds.Should().Be(PluginKinds.Segmenter);
        pseudo.Parameters.Select(p => (p.Name, p.DefaultValue)).Should().Equal(("model", "fashion-scenes-seg-advcam"), ("use_labels", "false"));
        catalog.Find("cam").Should().NotBeNull("the attribution plugins load beside them");
    }
}
