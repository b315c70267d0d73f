namespace AdvCam.Torch.IO;

/// <summary>Orders strings by their UTF-8 bytes, as Rust compares <c>String</c>s.</summary>
internal sealed class Utf8Order : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static readonly Utf8Order Instance = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return SafetensorsHeader.StrictUtf8.GetBytes(x).AsSpan().SequenceCompareTo(SafetensorsHeader.StrictUtf8.GetBytes(y));
    }
}
