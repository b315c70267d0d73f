namespace AdvCam.Core.Models;

/// <summary>The residual block a <see cref="ResNet"/> is built from, as in torchvision.</summary>
public enum ResNetBlockKind
{
    /// <summary>Two 3x3 convolutions (<see cref="BasicBlock"/>; ResNet-18/34), expansion 1.</summary>
    Basic,

    /// <summary>1x1, 3x3, 1x1 convolutions (<see cref="Bottleneck"/>; ResNet-50/101/152), expansion 4.</summary>
    Bottleneck,
}

/// <summary>Properties of a <see cref="ResNetBlockKind"/>.</summary>
public static class ResNetBlockKindExtensions
{
    /// <summary>Output channels of a block per unit of its <c>planes</c>: 1 for <see cref="ResNetBlockKind.Basic"/>, 4 for <see cref="ResNetBlockKind.Bottleneck"/>.</summary>
    public static long Expansion(this ResNetBlockKind kind) => kind switch
    {
        ResNetBlockKind.Basic => BasicBlock.expansion,
        ResNetBlockKind.Bottleneck => Bottleneck.expansion,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown ResNet block kind"),
    };
}
