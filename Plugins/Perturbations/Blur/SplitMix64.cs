namespace AdvCam.Plugins.Perturbations.Blur;

/// <summary>
/// A small deterministic random source (Steele, Lea &amp; Flood's SplitMix64): the same seed gives the same numbers on
/// every machine and runtime, which <see cref="Random"/> does not promise across versions.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    /// <summary>The generator for item <paramref name="index"/> of a batch drawn with <paramref name="seed"/>: the pair
    /// is mixed so that neighbouring seeds and indices give unrelated streams.</summary>
    public static SplitMix64 For(long seed, long index)
    {
        var mixer = new SplitMix64(unchecked((ulong)seed));
        var mixed = mixer.NextUInt64() ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL);
        return new SplitMix64(mixed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform double in [0, 1) (53 random bits).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
