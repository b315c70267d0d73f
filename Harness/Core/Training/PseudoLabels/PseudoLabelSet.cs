using System.Globalization;
using AdvCam.Core.Data.Loading;
using AdvCam.Torch;
using AdvCam.Torch.IO;

namespace AdvCam.Core.Training.PseudoLabels;

/// <summary>
/// The pseudo-labels of a run of training scenes (<see cref="PseudoLabelGenerator"/>): one label map per scene (0
/// background, c + 1 class c, <see cref="Batch.IgnoreIndex"/> uncertain), kept as bytes, with the settings they were
/// made with and how they compare with the scenes' true masks.
/// </summary>
public sealed class PseudoLabelSet
{
    /// <summary>File name of a saved set inside a training output folder.</summary>
    public const string FileName = "pseudo-labels.safetensors";

    private readonly byte[] labels;

    /// <summary>Wraps label maps <paramref name="labels"/> ([count, height, width] row-major bytes).</summary>
    /// <exception cref="ArgumentException">The sizes do not match the settings or a label is neither 0..254 nor 255.</exception>
    public PseudoLabelSet(PseudoLabelSettings settings, byte[] labels, int height, int width, PseudoLabelQuality quality)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.labels = labels ?? throw new ArgumentNullException(nameof(labels));
        ArgumentNullException.ThrowIfNull(quality);
        if (height < 1 || width < 1 || (long)settings.Scenes * height * width != labels.Length)
            throw new ArgumentException($"{labels.Length} labels do not make {settings.Scenes} maps of {height}x{width}");
        Height = height;
        Width = width;
        Quality = quality;
    }

    /// <summary>How the labels were made.</summary>
    public PseudoLabelSettings Settings { get; }

    /// <summary>Number of label maps (scenes).</summary>
    public int Count => Settings.Scenes;

    /// <summary>Height of each map.</summary>
    public int Height { get; }

    /// <summary>Width of each map.</summary>
    public int Width { get; }

    /// <summary>How the labels compare with the scenes' true masks.</summary>
    public PseudoLabelQuality Quality { get; }

    /// <summary>The label maps of scenes <paramref name="indices"/>: int64 [B, H, W] on the CPU.</summary>
    public Tensor Masks(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var size = Height * Width;
        var picked = new byte[indices.Count * size];
        for (var b = 0; b < indices.Count; b++)
        {
            var i = indices[b];
            if (i < 0 || i >= Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"scene index out of range 0..{Count - 1}");
            Array.Copy(labels, (long)i * size, picked, (long)b * size, size);
        }
        using var bytes = torch.tensor(picked, [indices.Count, Height, Width]);
        return bytes.to(ScalarType.Int64);
    }

    /// <summary>Writes the set to <paramref name="path"/> (one uint8 tensor <c>labels</c>, the settings and quality as metadata).</summary>
    public void Save(string path)
    {
        using var tensor = torch.tensor(labels, [Count, Height, Width]);
        var metadata = Settings.ToMetadata();
        foreach (var (key, value) in Quality.ToMetadata()) metadata[key] = value;
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["labels"] = tensor }, metadata);
    }

    /// <summary>
    /// The set saved at <paramref name="path"/> when it was made with exactly <paramref name="settings"/>; null when the
    /// file is missing or holds another set (other settings or size).
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but cannot be read as a pseudo-label set.</exception>
    public static PseudoLabelSet? LoadIfSame(string path, PseudoLabelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(path)) return null;
        var (tensors, metadata) = Safetensors.LoadWithMetadata(path);
        try
        {
            metadata ??= [];
            foreach (var (key, value) in settings.ToMetadata())
                if (!metadata.TryGetValue(key, out var saved) || saved != value) return null;
            if (!tensors.TryGetValue("labels", out var stored) || stored.dim() != 3 || stored.dtype != ScalarType.Byte || stored.size(0) != settings.Scenes)
                throw new InvalidDataException($"pseudo-label file '{path}' has no uint8 'labels' tensor of {settings.Scenes} maps");
            var quality = PseudoLabelQuality.FromMetadata(metadata)
                ?? throw new InvalidDataException($"pseudo-label file '{path}' has no quality metadata");
            return new PseudoLabelSet(settings, stored.ToArray<byte>(), checked((int)stored.size(1)), checked((int)stored.size(2)), quality);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>A one-line summary for logs and cards.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} scenes, {Settings.Attribution} (fg > {Settings.Foreground}, bg <= {Settings.Background}): {Quality}");
}
