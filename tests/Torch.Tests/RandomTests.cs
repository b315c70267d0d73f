namespace AdvCam.Torch.Tests;

/// <summary>Seeded random numbers: reproducibility, ranges, permutations, degenerate Bernoulli draws.</summary>
public class RandomTests
{
    [Test]
    public void Same_generator_seed_gives_the_same_numbers()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        var a = torch.randn(new long[] { 50 }, g1);
        var b = torch.randn(new long[] { 50 }, g2);
        a.equal(b).Should().BeTrue();

        // The generator advances: the next draw differs from the first.
        var next = torch.randn(new long[] { 50 }, g1);
        next.equal(a).Should().BeFalse();

        // Re-seeding restarts the sequence.
        g1.manual_seed(42);
        torch.randn(new long[] { 50 }, g1).equal(a).Should().BeTrue();
    }

    [Test]
    public void Different_generator_seeds_give_different_numbers()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        torch.rand(new long[] { 50 }, g1).equal(torch.rand(new long[] { 50 }, g2)).Should().BeFalse();
    }

    [Test]
    public void Manual_seed_reproduces_the_default_generator()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(123);
        var a = torch.rand(20);
        var ai = torch.randint(0, 100, new long[] { 20 });
        var ap = torch.randperm(20);
        var au = torch.empty(20).uniform_(-1, 1);
        var an = torch.empty(20).normal_(3, 2);
        torch.manual_seed(123);
        torch.rand(20).equal(a).Should().BeTrue();
        torch.randint(0, 100, new long[] { 20 }).equal(ai).Should().BeTrue();
        torch.randperm(20).equal(ap).Should().BeTrue();
        torch.empty(20).uniform_(-1, 1).equal(au).Should().BeTrue();
        torch.empty(20).normal_(3, 2).equal(an).Should().BeTrue();
    }

    [Test]
    public void Generator_drives_in_place_sampling_and_bernoulli()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        torch.empty(30).uniform_(generator: g1).equal(torch.empty(30).uniform_(generator: g2)).Should().BeTrue();
        torch.empty(30).normal_(generator: g1).equal(torch.empty(30).normal_(generator: g2)).Should().BeTrue();
        var p = torch.full(new long[] { 30 }, 0.5);
        torch.bernoulli(p, g1).equal(torch.bernoulli(p, g2)).Should().BeTrue();
        torch.randint(0, 9, new long[] { 30 }, g1).equal(torch.randint(0, 9, new long[] { 30 }, g2)).Should().BeTrue();
    }

    [Test]
    public void Samples_lie_in_their_ranges()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(9);
        var u = torch.rand(new long[] { 1000 }, g, ScalarType.Float64);
        u.dtype.Should().Be(ScalarType.Float64);
        u.min().item<double>().Should().BeGreaterThanOrEqualTo(0);
        u.max().item<double>().Should().BeLessThan(1);

        var i = torch.randint(-3, 4, new long[] { 1000 }, g);
        i.dtype.Should().Be(ScalarType.Int64);
        i.min().item<long>().Should().Be(-3);
        i.max().item<long>().Should().Be(3);

        var n = torch.randn(new long[] { 10000 }, g, ScalarType.Float64);
        n.mean().item<double>().Should().BeApproximately(0, 0.05);
        n.std().item<double>().Should().BeApproximately(1, 0.05);
    }

    [Test]
    public void Randperm_is_a_permutation()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var p = torch.randperm(100, g);
        p.dtype.Should().Be(ScalarType.Int64);
        p.ToArray<long>().Should().BeEquivalentTo(Enumerable.Range(0, 100).Select(v => (long)v));
        p.equal(torch.arange(100)).Should().BeFalse("a shuffled order, almost surely");
        torch.randperm(1, g).ToArray<long>().Should().Equal(0);
    }

    [Test]
    public void Bernoulli_with_probability_zero_or_one_is_exact()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(4);
        var p = torch.tensor(new double[] { 0, 1, 0, 1, 1, 0 });
        for (var i = 0; i < 20; i++)
        {
            torch.bernoulli(p, g).ToArray<double>().Should().Equal(0, 1, 0, 1, 1, 0);
            torch.bernoulli(p).ToArray<double>().Should().Equal(0, 1, 0, 1, 1, 0);
        }
        torch.bernoulli(torch.zeros(500)).sum().item<float>().Should().Be(0);
        torch.bernoulli(torch.ones(500)).sum().item<float>().Should().Be(500);
    }
}
