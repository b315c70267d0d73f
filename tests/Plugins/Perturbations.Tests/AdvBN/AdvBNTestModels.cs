using AdvCam.Core.Models;
using AdvCam.Plugins.Perturbations.AdvBN;

namespace AdvCam.Plugins.Perturbations.Tests.AdvBN;

/// <summary>A tiny seeded ResNetCam, images and labels, and configured plugins for the AdvBN tests.</summary>
internal static class AdvBNTestModels
{
    /// <summary>Classes of the tiny model.</summary>
    public const int Classes = 4;

    /// <summary>A tiny ResNetCam (stem, layer1, layer2) with seeded weights, in eval mode.</summary>
    public static ResNetCam Tiny(ulong seed = 11)
    {
        torch.manual_seed(seed);
        var model = new ResNetCam(new ResNetCamConfig
        {
            NumClasses = Classes,
            StemChannels = 8,
            Widths = new long[] { 8, 16 },
            Blocks = new[] { 1, 1 },
            Strides = new long[] { 1, 2 },
        });
        model.eval();
        return model;
    }

    /// <summary>Seeded images [n, 3, 12, 12] in [0, 1] and labels [n].</summary>
    public static (Tensor Images, Tensor Labels) Batch(int n = 4, ulong seed = 3, ScalarType dtype = ScalarType.Float32)
    {
        using var generator = new Generator(seed);
        var images = torch.rand([n, 3, 12, 12], generator, dtype);
        var labels = torch.randint(0, Classes, [n], generator);
        return (images, labels);
    }

    /// <summary>The plugin with the given parameters set.</summary>
    public static AdvBNPerturbation Plugin(params (string Name, string Value)[] values)
    {
        var plugin = new AdvBNPerturbation();
        plugin.Configure(values.ToDictionary(v => v.Name, v => v.Value));
        return plugin;
    }
}
