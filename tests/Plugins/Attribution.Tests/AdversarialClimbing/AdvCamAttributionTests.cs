using AdvCam.Plugins.Attribution.AdversarialClimbing;
using AdvCam.Plugins.Attribution.Cam;
using AdvCam.Plugins.Attribution.Tests.Cam;

namespace AdvCam.Plugins.Attribution.Tests.AdversarialClimbing;

/// <summary>The "advcam" plugin: its reduction to CAM, batching, the climbing gradient, the restriction and bad input.</summary>
public class AdvCamAttributionTests
{
    /// <summary>Float32 rounding of maps in [0, 1] computed in a different order (batch composition, op order).</summary>
    private const double MapTolerance = 1e-4;

    /// <summary>Relative agreement of the autograd gradient with central differences in double precision.</summary>
    private const double GradientRelativeTolerance = 1e-5;

    /// <summary>Central-difference step in double precision.</summary>
    private const double DifferenceStep = 1e-6;

    private static AdvCamAttribution Plugin(params (string Key, string Value)[] values)
    {
        var plugin = new AdvCamAttribution();
        plugin.Configure(values.ToDictionary(v => v.Key, v => v.Value));
        return plugin;
    }

    [Test]
    public void Defaults_are_the_official_ones()
    {
        var plugin = new AdvCamAttribution();
        plugin.Name.Should().Be("advcam");
        (plugin.Steps, plugin.Xi, plugin.Lambda, plugin.Tau, plugin.Flip).Should().Be((27, 0.08, 7.0, 0.5, true));
        plugin.Scales.Should().Equal(1, 0.5, 1.5, 2);
        plugin.XiRelativeToRange.Should().BeTrue();
    }

    [TestCase(1L)]
    [TestCase(2L)]
    public void With_no_steps_one_scale_and_no_flip_it_is_cam(long stride)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride);
        var images = CamTestModels.Images();
        var classes = new[] { new[] { 0, 2 }, new[] { 3 }, Array.Empty<int>() };
        var expected = new CamAttribution().Explain(model, images, classes);
        var actual = Plugin(("steps", "0"), ("scales", "1"), ("flip", "false")).Explain(model, images, classes);
        actual.shape.Should().Equal(expected.shape);
        (actual - expected).abs().max().ToDouble().Should().BeLessThan(MapTolerance);
    }

    [Test]
    public void Batched_climbing_equals_the_one_class_at_a_time_loop()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        var images = CamTestModels.Images();
        var classes = new[] { new[] { 0, 1, 3 }, new[] { 2 }, new[] { 1, 2 } };
        var plugin = Plugin(("steps", "4"), ("scales", "1,0.5"));
        var batched = plugin.Explain(model, images, classes);
        for (var i = 0; i < classes.Length; i++)
        {
            foreach (var c in classes[i])
            {
                var one = plugin.Explain(model, images.narrow(0, i, 1), [[c]]);
                var diff = (batched.select(0, i).select(0, c) - one.select(0, 0).select(0, c)).abs().max().ToDouble();
                diff.Should().BeLessThan(MapTolerance, $"image {i}, class {c}");
            }
            for (var c = 0; c < CamTestModels.Classes; c++)
            {
                if (!classes[i].Contains(c))
                    batched.select(0, i).select(0, c).abs().max().ToDouble().Should().Be(0, $"image {i} did not ask for class {c}");
            }
        }
        var smallBatches = Plugin(("steps", "4"), ("scales", "1,0.5"), ("max_rows", "2")).Explain(model, images, classes);
        (smallBatches - batched).abs().max().ToDouble().Should().BeLessThan(MapTolerance, "max_rows only bounds memory");
    }

    [Test]
    public void Maps_are_in_zero_one_with_a_maximum_near_one_and_climbing_changes_them()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        var images = CamTestModels.Images();
        var classes = CamTestModels.AllClasses(3);
        var cam = Plugin(("steps", "0")).Explain(model, images, classes);
        var adv = Plugin(("steps", "8")).Explain(model, images, classes);
        adv.min().ToDouble().Should().BeGreaterThanOrEqualTo(0);
        adv.max().ToDouble().Should().BeLessThanOrEqualTo(1);
        (adv - cam).abs().max().ToDouble().Should().BeGreaterThan(1e-3, "eight climbing steps move the maps");
    }

    [Test]
    public void The_climbing_objective_gradient_matches_central_differences()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        model.to(ScalarType.Float64);
        var images = CamTestModels.Images(2).to(ScalarType.Float64);
        var rows = torch.cat([images, images.flip(3)]);
        var rowClasses = torch.tensor(new long[] { 1, 3, 1, 3 }, [4]);
        Tensor initial, mask;
        using (torch.no_grad())
        {
            var (maps0, _) = AdvCamObjective.Evaluate(model, rows, rowClasses, flip: true);
            // A starting map a little off the current one, so the restriction term has a non-zero gradient.
            initial = maps0.mul(0.9);
            mask = AdvCamObjective.Mask(maps0, 0.5);
        }
        mask.sum().ToDouble().Should().BeGreaterThan(0);
        double Loss(Tensor x)
        {
            var (maps, terms) = AdvCamObjective.Evaluate(model, x, rowClasses, flip: true);
            return AdvCamObjective.Loss(maps, terms, initial, mask, 7).ToDouble();
        }
        var leaf = rows.detach().requires_grad_();
        var (m, t) = AdvCamObjective.Evaluate(model, leaf, rowClasses, flip: true);
        var gradient = torch.autograd.grad(AdvCamObjective.Loss(m, t, initial, mask, 7), leaf).contiguous().ToArray<double>();
        var flat = rows.contiguous().ToArray<double>();
        var scale = gradient.Max(Math.Abs);
        scale.Should().BeGreaterThan(0);
        var random = new Random(5);
        for (var probe = 0; probe < 24; probe++)
        {
            var j = random.Next(flat.Length);
            var plus = (double[])flat.Clone();
            var minus = (double[])flat.Clone();
            plus[j] += DifferenceStep;
            minus[j] -= DifferenceStep;
            using var probeScope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var numeric = (Loss(torch.tensor(plus, rows.shape)) - Loss(torch.tensor(minus, rows.shape))) / (2 * DifferenceStep);
            numeric.Should().BeApproximately(gradient[j], GradientRelativeTolerance * scale, $"element {j}");
        }
    }

    [Test]
    public void The_restriction_holds_the_already_high_region_near_its_first_map()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(1);
        var images = CamTestModels.Images();
        var classes = torch.tensor(new long[] { 0, 1, 2 }, [3]);
        var low = images.amin([1L, 2L, 3L]);
        var high = images.amax([1L, 2L, 3L]);
        var steps = torch.full([3], 0.05, ScalarType.Float32);
        const int T = 10;
        Tensor initial;
        using (torch.no_grad()) initial = AdvCamObjective.Evaluate(model, images, classes, flip: false).Maps;
        var region = AdvCamObjective.Mask(initial, 0.5);
        double DriftInRegion(double lambda)
        {
            var accumulated = AdvCamClimb.Run(model, images, classes, steps, low, high, new AdvCamSettings(T, lambda, 0.5, Flip: false));
            // The mean map over the climb against the first map, inside the first map's high region.
            return (accumulated.div(T + 1) - initial).abs().mul(region).sum().ToDouble();
        }
        var free = DriftInRegion(0);
        var restricted = DriftInRegion(7);
        free.Should().BeGreaterThan(0);
        restricted.Should().BeLessThan(free, "λ = 7 penalises changes of the map where it already exceeds τ of its maximum");
    }

    [Test]
    public void A_class_not_in_the_model_is_refused_naming_image_and_class()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        var act = () => new AdvCamAttribution().Explain(model, CamTestModels.Images(2), [[0], [CamTestModels.Classes]]);
        act.Should().Throw<ArgumentException>().WithMessage("*image 1*class 4*");
    }

    [Test]
    public void An_empty_batch_and_a_mismatched_class_list_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        var none = () => new AdvCamAttribution().Explain(model, torch.zeros([0, 3, 12, 12]), []);
        none.Should().Throw<ArgumentException>().WithMessage("*no images*");
        var mismatch = () => new AdvCamAttribution().Explain(model, CamTestModels.Images(2), [[0]]);
        mismatch.Should().Throw<ArgumentException>().WithMessage("*1 entries for 2 images*");
    }

    [Test]
    public void Images_the_model_cannot_take_are_refused_with_their_shape()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(2);
        var channels = () => Plugin(("steps", "1"), ("scales", "1")).Explain(model, torch.rand([1, 5, 12, 12]), [[0]]);
        channels.Should().Throw<ArgumentException>().WithMessage("*refused images of shape [1, 5, 12, 12]*");
        var tiny = () => Plugin(("scales", "1,0.1")).Explain(model, torch.rand([1, 3, 12, 12]), [[0]]);
        tiny.Should().Throw<ArgumentException>().WithMessage("*scale 0.1*output stride*");
    }

    [TestCase("steps", "-1")]
    [TestCase("tau", "1.5")]
    [TestCase("lambda", "-2")]
    [TestCase("scales", "1,0")]
    [TestCase("scales", "1,1")]
    [TestCase("xi_units", "pixels")]
    [TestCase("max_rows", "1")]
    public void Bad_parameters_are_refused_naming_them(string key, string value)
    {
        var plugin = new AdvCamAttribution();
        var act = () => plugin.Configure(new Dictionary<string, string> { [key] = value });
        act.Should().Throw<ArgumentException>().WithMessage($"*'{value}'*'{key}'*");
        plugin.Steps.Should().Be(27, "a refused configuration leaves the previous values");
    }

    [Test]
    public void Repeated_calls_free_every_intermediate_tensor()
    {
        using var model = CamTestModels.Tiny(2);
        using var images = CamTestModels.Images(2);
        var plugin = Plugin(("steps", "3"), ("scales", "1,0.5"));
        plugin.Explain(model, images, [[0, 1], [2]]).Dispose();
        var before = Tensor.LiveCount;
        for (var i = 0; i < 5; i++) plugin.Explain(model, images, [[0, 1], [2]]).Dispose();
        Tensor.LiveCount.Should().Be(before);
    }
}
