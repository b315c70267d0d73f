using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.Blur;
using AdvCam.Plugins.Perturbations.FineTuning;
using AdvCam.Plugins.Perturbations.Tests.AdvBN;

namespace AdvCam.Plugins.Perturbations.Tests.FineTuning;

public class BlurMixRecipeTests
{
    private static BlurMixRecipe Recipe(params (string Name, string Value)[] values)
    {
        var recipe = new BlurMixRecipe();
        recipe.Configure(values.ToDictionary(v => v.Name, v => v.Value));
        return recipe;
    }

    [Test]
    public void Draws_are_a_function_of_seed_and_index()
    {
        var recipe = Recipe();
        var first = Enumerable.Range(0, 64).Select(i => recipe.Draw(7, i, 28)).ToList();
        var again = Enumerable.Range(0, 64).Select(i => recipe.Draw(7, i, 28)).ToList();
        var other = Enumerable.Range(0, 64).Select(i => recipe.Draw(8, i, 28)).ToList();

        again.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [TestCase(28)]
    [TestCase(64)]
    public void Strengths_stay_within_the_scaled_ladder_and_every_family_is_drawn(int size)
    {
        var recipe = Recipe();
        var draws = Enumerable.Range(0, 4000).Select(i => recipe.Draw(3, i, size)).ToList();

        var blurred = draws.Where(d => d.Family is not null).ToList();
        ((double)blurred.Count / draws.Count).Should().BeApproximately(0.5, 0.03);
        blurred.Select(d => d.Family).Distinct().Should().HaveCount(4);
        draws.Where(d => d.Family is null).Should().OnlyContain(d => d.Strength == 0);
        foreach (var d in blurred)
        {
            var family = d.Family!.Value;
            var max = BlurMixRecipe.Maximum(family, size);
            var min = family is BlurFamily.Defocus or BlurFamily.Gaussian ? 0 : 1;
            d.Strength.Should().BeGreaterThan(min == 0 ? 0 : min - 1e-12).And.BeLessThanOrEqualTo(max);
            d.AngleDegrees.Should().BeInRange(0, 180);
        }
        // Uniform up to the strongest level: the largest draws come close to it.
        foreach (var family in Enum.GetValues<BlurFamily>())
            blurred.Where(d => d.Family == family).Max(d => d.Strength).Should().BeGreaterThan(0.95 * BlurMixRecipe.Maximum(family, size));
    }

    [Test]
    public void The_maxima_are_the_strongest_levels_of_the_blur_plugins()
    {
        BlurMixRecipe.Maximum(BlurFamily.Defocus, 28).Should().Be(new DefocusBlurPerturbation().Severities(28)[^1]["radius"]).And.BeApproximately(3.92, 1e-9);
        BlurMixRecipe.Maximum(BlurFamily.Gaussian, 28).Should().BeApproximately(2.8, 1e-9);
        BlurMixRecipe.Maximum(BlurFamily.Motion, 28).Should().BeApproximately(11.2, 1e-9);
        BlurMixRecipe.Maximum(BlurFamily.CameraShake, 28).Should().BeApproximately(11.2, 1e-9);
    }

    [Test]
    public void Families_and_probability_restrict_the_draws()
    {
        var recipe = Recipe(("p", "1"), ("families", "motion, defocus"));
        var draws = Enumerable.Range(0, 500).Select(i => recipe.Draw(1, i, 28)).ToList();
        draws.Should().OnlyContain(d => d.Family == BlurFamily.Motion || d.Family == BlurFamily.Defocus);
        Recipe(("p", "0")).Draw(1, 0, 28).Family.Should().BeNull();
    }

    [Test]
    public void Mix_blurs_each_image_with_its_own_kernel_and_leaves_sharp_ones_exactly_as_they_were()
    {
        var recipe = Recipe();
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(5);
        var images = torch.rand([16, 1, 28, 28], generator);
        var mixed = recipe.Mix(images, 42);

        mixed.shape.Should().Equal(images.shape);
        mixed.dtype.Should().Be(images.dtype);
        recipe.Mix(images, 42).equal(mixed).Should().BeTrue("the same seed gives the same batch");
        var kinds = new HashSet<bool>();
        for (var i = 0; i < 16; i++)
        {
            var draw = recipe.Draw(42, i, 28);
            var one = images.narrow(0, i, 1);
            var expected = draw.Family is null ? one : DepthwiseBlur.Apply(one, draw.Kernel());
            var got = mixed.narrow(0, i, 1);
            if (draw.Family is null) got.equal(one).Should().BeTrue($"image {i} is drawn sharp");
            else got.allclose(expected, rtol: 1e-5, atol: 1e-6).Should().BeTrue($"image {i} is blurred by {draw}");
            kinds.Add(draw.Family is null);
        }
        kinds.Should().HaveCount(2, "seed 42 draws both sharp and blurred images among 16");
    }

    [Test]
    public void With_p_0_the_batch_is_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.rand([4, 3, 12, 12]);
        Recipe(("p", "0")).Mix(images, 1).equal(images).Should().BeTrue();
    }

    [Test]
    public void Nothing_is_frozen_and_the_loss_is_a_seeded_finite_scalar()
    {
        var recipe = Recipe();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch(8);
        using (images)
        using (labels)
        using (var scope = torch.NewDisposeScope())
        {
            recipe.FrozenStages(model).Should().BeEmpty();
            var step = new FineTuningStep(model, images, labels, 9, () => new NoMode());
            var a = recipe.Loss(step).item<float>();
            var b = recipe.Loss(step).item<float>();
            float.IsFinite(a).Should().BeTrue();
            b.Should().Be(a);
        }
    }

    [TestCase("p", "1.5", "must be a probability in [0, 1]")]
    [TestCase("p", "-0.1", "must be a probability in [0, 1]")]
    [TestCase("families", "defocus,fog", "unknown family 'fog'")]
    [TestCase("families", " , ", "must name at least one family")]
    [TestCase("families", "motion,motion", "names family 'motion' twice")]
    public void Bad_parameters_are_refused_with_a_clear_message(string name, string value, string message)
    {
        var recipe = new BlurMixRecipe();
        var act = () => recipe.Configure(new Dictionary<string, string> { [name] = value });
        act.Should().Throw<ArgumentException>().WithMessage($"*blur-mix*{name}*{message}*");
        recipe.Values[name].Should().Be(recipe.Parameters.Single(p => p.Name == name).DefaultValue, "a refused value changes nothing");
    }

    private sealed class NoMode : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
