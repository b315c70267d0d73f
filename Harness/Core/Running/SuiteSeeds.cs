namespace AdvCam.Core.Running;

/// <summary>
/// The seed a suite hands a plugin for one batch: a pure function of the suite's seed and the batch's index, so a run
/// is reproducible in any process and every batch gets its own randomness.
/// </summary>
/// <remarks>
/// <c>seed(s, b) = mix(mix(s) ^ b)</c> with <c>mix</c> SplitMix64's output function (as <see cref="Data.Loading.LoaderSeeds"/>),
/// all mod 2^64, read as a signed 64-bit number. The severity is not part of it: every severity of a perturbation sees
/// the same seed for the same batch (common random numbers, so severities differ only in strength). A plugin that seeds
/// libtorch's mt19937 with it uses its low 32 bits, which the mixing spreads well.
/// </remarks>
public static class SuiteSeeds
{
    /// <summary>The seed of batch <paramref name="batch"/> (0-based, in test-split order) of a run seeded with <paramref name="seed"/>.</summary>
    /// <param name="seed">The suite's seed.</param>
    /// <param name="batch">The batch's index.</param>
    public static long Batch(long seed, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        return unchecked((long)Mix(Mix((ulong)seed) ^ (ulong)batch));
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
