using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

public class SuiteSeedsTests
{
    /// <summary>Values from an independent Python implementation of mix(mix(seed) ^ batch) (SplitMix64's finaliser).</summary>
    [TestCase(0L, 0, -6411193824288604561L)]
    [TestCase(0L, 1, 627405149472732430L)]
    [TestCase(7L, 2, 5090977316425868581L)]
    [TestCase(-1L, 5, 3846658174030194800L)]
    public void Matches_an_independent_computation(long seed, int batch, long expected) =>
        SuiteSeeds.Batch(seed, batch).Should().Be(expected);

    [Test]
    public void Every_batch_and_seed_gets_its_own_seed()
    {
        var seeds = new HashSet<long>();
        for (var seed = 0L; seed < 20; seed++)
            for (var batch = 0; batch < 500; batch++)
                seeds.Add(SuiteSeeds.Batch(seed, batch));
        seeds.Should().HaveCount(20 * 500);
        seeds.Select(s => (uint)s).Distinct().Should().HaveCount(20 * 500, "the low 32 bits, what mt19937 uses, differ too");
    }

    [Test]
    public void A_negative_batch_is_refused() =>
        FluentActions.Invoking(() => SuiteSeeds.Batch(0, -1)).Should().Throw<ArgumentOutOfRangeException>();
}
