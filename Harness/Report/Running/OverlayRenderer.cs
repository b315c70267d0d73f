using AdvCam.Abstractions;
using AdvCam.Core.Data;
using AdvCam.Core.Running;
using AdvCam.Torch;

namespace AdvCam.Report.Running;

/// <summary>
/// Draws an attribution's maps over the first scenes of data with masks: for each scene, the map of its true class with
/// the largest mask, as a heat colour blended over the image, the true mask's outline in white; with the IoU of that
/// class's seed (<see cref="SeedLabelMap"/> at <see cref="SuiteRunner.SeedThreshold"/>, the true classes competing) with
/// the mask.
/// </summary>
public static class OverlayRenderer
{
    /// <summary>The overlays of <paramref name="attribution"/> on the first <paramref name="scenes"/> items.</summary>
    /// <param name="name">The plugin's name, for the captions.</param>
    /// <param name="attribution">The attribution, configured as it should run.</param>
    /// <param name="classifier">The model on [0, 1] images.</param>
    /// <param name="data">Data with masks (multi-label targets).</param>
    /// <param name="scenes">How many scenes (at most the data's size).</param>
    /// <param name="device">Where the model is.</param>
    /// <exception cref="ArgumentException">The data has no masks.</exception>
    public static IReadOnlyList<AttributionOverlay> Render(string name, IAttribution attribution, ICamClassifier classifier, SuiteData data, int scenes, Device device)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasMasks) throw new ArgumentException($"overlays need data with masks; {data.Description} has none", nameof(data));
        var n = Math.Min(scenes, data.Count);
        if (n <= 0) return [];
        using var scope = torch.NewDisposeScope();
        using var batch = data.Source.GetBatch(Enumerable.Range(0, n).ToArray());
        var images = batch.Images.to(ScalarType.Float32).cpu();
        var (channels, h, w) = (checked((int)images.size(1)), checked((int)images.size(2)), checked((int)images.size(3)));
        var k = classifier.num_classes;
        var targets = batch.Targets.to(ScalarType.Float32).cpu().ToArray<float>();
        var masks = batch.Masks!.to(ScalarType.Int64).cpu().ToArray<long>();
        var classes = new int[n][];
        for (var i = 0; i < n; i++) classes[i] = Enumerable.Range(0, k).Where(c => targets[i * k + c] > 0.5f).ToArray();
        var maps = attribution.Explain(classifier, images.to(device), classes).to(ScalarType.Float32).cpu();
        var present = torch.from_array<float>(To2D(targets, n, k));
        var seeds = SeedLabelMap.Compute(maps, present, SuiteRunner.SeedThreshold).ToArray<long>();
        var mapValues = maps.ToArray<float>();
        var pixels = images.ToArray<float>();
        var overlays = new List<AttributionOverlay>();
        var plane = h * w;
        for (var i = 0; i < n; i++)
        {
            if (classes[i].Length == 0) continue;
            var maskOffset = i * plane;
            var c = classes[i].MaxBy(c => Count(masks, maskOffset, plane, c + 1));
            var rgb = new byte[plane * 3];
            for (var p = 0; p < plane; p++)
            {
                var heat = Math.Clamp(mapValues[(i * k + c) * plane + p], 0f, 1f);
                var (hr, hg, hb) = Heat(heat);
                for (var ch = 0; ch < 3; ch++)
                {
                    var v = pixels[(i * channels + Math.Min(ch, channels - 1)) * plane + p];
                    var colour = ch == 0 ? hr : ch == 1 ? hg : hb;
                    rgb[p * 3 + ch] = (byte)Math.Clamp(MathF.Round(255f * (0.45f * v + 0.55f * colour)), 0, 255);
                }
                if (IsEdge(masks, maskOffset, p, w, h, c + 1)) rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = 255;
            }
            long inter = 0, union = 0;
            for (var p = 0; p < plane; p++)
            {
                var truth = masks[maskOffset + p] == c + 1;
                var seed = seeds[maskOffset + p] == c + 1;
                if (truth && seed) inter++;
                if (truth || seed) union++;
            }
            using var image = torch.from_bytes(rgb, ScalarType.Byte, [h, w, 3L]);
            overlays.Add(new AttributionOverlay(name, i, c < FashionMnist.ClassNames.Count ? FashionMnist.ClassNames[c] : $"class {c}",
                union == 0 ? null : inter / (double)union, AdvCam.Torch.IO.Image.EncodePng(image)));
        }
        return overlays;
    }

    private static float[,] To2D(float[] values, int rows, int columns)
    {
        var result = new float[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++) result[r, c] = values[r * columns + c];
        return result;
    }

    private static int Count(long[] masks, int offset, int plane, long label)
    {
        var count = 0;
        for (var p = 0; p < plane; p++) if (masks[offset + p] == label) count++;
        return count;
    }

    private static bool IsEdge(long[] masks, int offset, int p, int w, int h, long label)
    {
        if (masks[offset + p] != label) return false;
        var (y, x) = (p / w, p % w);
        foreach (var (dy, dx) in new[] { (-1, 0), (1, 0), (0, -1), (0, 1) })
        {
            var (yy, xx) = (y + dy, x + dx);
            if (yy < 0 || yy >= h || xx < 0 || xx >= w || masks[offset + yy * w + xx] != label) return true;
        }
        return false;
    }

    /// <summary>A dark-blue → cyan → yellow → red ramp.</summary>
    private static (float R, float G, float B) Heat(float t)
    {
        var r = Math.Clamp(1.5f - Math.Abs(4f * t - 3f), 0f, 1f);
        var g = Math.Clamp(1.5f - Math.Abs(4f * t - 2f), 0f, 1f);
        var b = Math.Clamp(1.5f - Math.Abs(4f * t - 1f), 0f, 1f);
        return (r, g, b);
    }
}
