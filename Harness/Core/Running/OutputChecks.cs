using System.Globalization;
using AdvCam.Torch;

namespace AdvCam.Core.Running;

/// <summary>
/// Checks a plugin's output against its contract before the runner uses it: not null and not disposed, shape, dtype,
/// device, finite (no NaN or infinity) and range. Each check returns null when the output is fine, else what is wrong,
/// for a person.
/// </summary>
internal static class OutputChecks
{
    /// <summary>A perturbed image batch: the input's shape, dtype and device, finite, in [0, 1].</summary>
    public static string? Images(Tensor? output, Tensor input)
    {
        if (Unusable(output) is { } problem) return problem;
        if (!output!.shape.AsSpan().SequenceEqual(input.shape))
            return $"returned images of shape {output.ShapeText}, expected {input.ShapeText} (the input's)";
        if (output.dtype != input.dtype) return $"returned images of dtype {output.dtype}, expected {input.dtype} (the input's)";
        if (output.device != input.device) return $"returned images on {output.device}, expected {input.device} (the input's)";
        return Finite(output, "images") ?? InUnitRange(output, "images");
    }

    /// <summary>Logits [N, K], floating point, finite, on <paramref name="device"/>.</summary>
    public static string? Logits(Tensor? output, long items, int classes, Device device)
    {
        if (Unusable(output) is { } problem) return problem;
        if (output!.dim() != 2 || output.size(0) != items || output.size(1) != classes)
            return $"returned logits of shape {output.ShapeText}, expected [{items}, {classes}]";
        if (!output.dtype.IsFloatingPoint()) return $"returned logits of dtype {output.dtype}, expected a floating-point type";
        if (output.device != device) return $"returned logits on {output.device}, expected {device}";
        return Finite(output, "logits");
    }

    /// <summary>Attribution maps [N, K, H, W], floating point, finite, in [0, 1], on <paramref name="device"/>.</summary>
    public static string? Maps(Tensor? output, long items, int classes, long height, long width, Device device)
    {
        if (Unusable(output) is { } problem) return problem;
        if (output!.dim() != 4 || output.size(0) != items || output.size(1) != classes || output.size(2) != height || output.size(3) != width)
            return $"returned maps of shape {output.ShapeText}, expected [{items}, {classes}, {height}, {width}]";
        if (!output.dtype.IsFloatingPoint()) return $"returned maps of dtype {output.dtype}, expected a floating-point type";
        if (output.device != device) return $"returned maps on {output.device}, expected {device}";
        return Finite(output, "maps") ?? InUnitRange(output, "maps");
    }

    /// <summary>Label maps [N, H, W], int64, with labels in [0, K], on <paramref name="device"/>.</summary>
    public static string? Labels(Tensor? output, long items, long height, long width, int classes, Device device)
    {
        if (Unusable(output) is { } problem) return problem;
        if (output!.dim() != 3 || output.size(0) != items || output.size(1) != height || output.size(2) != width)
            return $"returned label maps of shape {output.ShapeText}, expected [{items}, {height}, {width}]";
        if (output.dtype != ScalarType.Int64) return $"returned label maps of dtype {output.dtype}, expected {ScalarType.Int64}";
        if (output.device != device) return $"returned label maps on {output.device}, expected {device}";
        using var scope = torch.NewDisposeScope();
        var low = output.min().item<long>();
        var high = output.max().item<long>();
        return low < 0 || high > classes
            ? $"returned labels from {low} to {high}, outside [0, {classes}] (0 background, c + 1 for class c of {classes})"
            : null;
    }

    private static string? Unusable(Tensor? output) =>
        output is null ? "returned null"
        : output.IsDisposed ? "returned a disposed tensor"
        : null;

    private static string? Finite(Tensor output, string what)
    {
        using var scope = torch.NewDisposeScope();
        var finite = output.isfinite();
        if (finite.all().item<bool>()) return null;
        var nan = output.isnan().sum().item<long>();
        var infinite = finite.logical_not().sum().item<long>() - nan;
        return string.Create(CultureInfo.InvariantCulture,
            $"returned {what} with {nan} NaN and {infinite} infinite values (of {output.numel()})");
    }

    private static string? InUnitRange(Tensor output, string what)
    {
        using var scope = torch.NewDisposeScope();
        var low = output.min().to(ScalarType.Float64).item<double>();
        var high = output.max().to(ScalarType.Float64).item<double>();
        return low < 0 || high > 1
            ? string.Create(CultureInfo.InvariantCulture, $"returned {what} outside [0, 1] (from {low:R} to {high:R})")
            : null;
    }
}
