namespace AdvCam.Core.Data.Loading;

/// <summary>
/// The generator seeds of <see cref="DataLoader"/>: one for the shuffle of each epoch, one for the augmentation of
/// each batch. Pure functions of their arguments, so a run is reproducible on any machine and in any process.
/// </summary>
/// <remarks>
/// With <c>mix(z)</c> = SplitMix64's output function (<c>z += 0x9E3779B97F4A7C15; z = (z ^ (z &gt;&gt; 30)) *
/// 0xBF58476D1CE4E5B9; z = (z ^ (z &gt;&gt; 27)) * 0x94D049BB133111EB; z ^= z &gt;&gt; 31</c>, mod 2^64) and
/// <c>key(seed, epoch, stream) = mix(mix(mix((uint)seed) ^ (uint)epoch) ^ stream)</c>, a seed is
/// <c>(uint)(key ^ (key &gt;&gt; 32))</c>: 32 bits, because libtorch's mt19937 uses only the low 32 bits of a seed.
/// Stream 0 is the shuffle; stream 1 + b is batch b's augmentation.
/// </remarks>
public static class LoaderSeeds
{
    /// <summary>The seed of the generator that shuffles epoch <paramref name="epoch"/> (<c>torch.randperm</c>).</summary>
    public static uint Shuffle(int seed, int epoch) => Key(seed, epoch, 0);

    /// <summary>The seed of the generator handed to the transform of batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    public static uint Batch(int seed, int epoch, int batch) => Key(seed, epoch, 1 + (ulong)(uint)batch);

    private static uint Key(int seed, int epoch, ulong stream)
    {
        var k = Mix(Mix(Mix((uint)seed) ^ (uint)epoch) ^ stream);
        return (uint)(k ^ (k >> 32));
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
