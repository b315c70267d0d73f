using AdvCam.Core.Models;
using AdvCam.Plugins.Attribution.Cam;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Attribution.Tests.Cam;

/// <summary>The "cam" plugin against a managed hand computation on tiny ResNetCams.</summary>
public class CamAttributionTests
{
    /// <summary>Float32 rounding of maps in [0, 1] (the contraction order differs from the managed loops').</summary>
    private const double MapTolerance = 1e-5;

    /// <summary>Float32 rounding of logits against the double-precision mean of the managed score maps.</summary>
    private const double LogitTolerance = 1e-4;

    /// <summary>A map's maximum is M / (M + 1e-5): within this of 1 when M exceeds <see cref="EvidenceFloor"/>.</summary>
    private const double MaxTolerance = 1e-3;

    /// <summary>Positive evidence: a raw score maximum above this.</summary>
    private const double EvidenceFloor = 1e-2;

    [Test]
    public void Name_is_cam_and_by_default_one_scale_without_flip()
    {
        var plugin = new CamAttribution();
        plugin.Name.Should().Be("cam");
        plugin.Scales.Should().Equal(1.0);
        plugin.Flip.Should().BeFalse();
    }

    [Test]
    public void Multi_scale_and_flip_merging_equals_advcam_without_climbing()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        var classes = new[] { new[] { 0, 3 }, new[] { 1 }, new[] { 2, 0 } };
        var cam = new CamAttribution();
        cam.Configure(new Dictionary<string, string> { ["scales"] = "1,0.5,1.5", ["flip"] = "true" });
        var advcam = new global::AdvCam.Plugins.Attribution.AdversarialClimbing.AdvCamAttribution();
        advcam.Configure(new Dictionary<string, string> { ["steps"] = "0", ["scales"] = "1,0.5,1.5", ["flip"] = "true" });
        var merged = cam.Explain(model, images, classes);
        (merged - advcam.Explain(model, images, classes)).abs().max().ToDouble().Should().BeLessThan(MapTolerance);
        (merged - new CamAttribution().Explain(model, images, classes)).abs().max().ToDouble().Should().BeGreaterThan(1e-3);
    }

    [TestCase("scales", "0")]
    [TestCase("scales", "1,1")]
    [TestCase("flip", "maybe")]
    public void Bad_parameters_are_refused(string key, string value)
    {
        var act = () => new CamAttribution().Configure(new Dictionary<string, string> { [key] = value });
        act.Should().Throw<ArgumentException>().WithMessage($"*'{value}'*'{key}'*");
    }

    [Test]
    public void At_output_stride_1_the_map_is_the_managed_relu_of_the_weighted_features_over_its_maximum()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 1);
        model.output_stride.Should().Be(1);
        var images = CamTestModels.Images();
        int n = 3, k = CamTestModels.Classes, side = (int)CamTestModels.Side;
        var expected = ManagedCam.Normalize(HandScores(model, images, out var h, out var w), n * k, h * w, CamAttribution.Epsilon);
        (h, w).Should().Be((side, side));
        var maps = new CamAttribution().Explain(model, images, CamTestModels.AllClasses(n));
        maps.shape.Should().Equal(n, k, side, side);
        var actual = maps.ToArray<float>();
        for (int j = 0; j < expected.Length; j++)
            actual[j].Should().BeApproximately((float)expected[j], (float)MapTolerance, $"element {j}");
    }

    [Test]
    public void At_output_stride_2_the_map_is_the_managed_relu_upsampled_bilinearly_over_its_maximum()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        int n = 3, k = CamTestModels.Classes;
        var scores = HandScores(model, images, out var h, out var w);
        (h, w).Should().Be(((int)CamTestModels.Side / 2, (int)CamTestModels.Side / 2));
        var relu = torch.tensor(scores.Select(s => (float)Math.Max(s, 0)).ToArray(), [n, k, h, w]);
        var upsampled = F.interpolate(relu, [CamTestModels.Side, CamTestModels.Side], InterpolationMode.Bilinear, align_corners: false);
        var expected = upsampled.div(upsampled.amax([2, 3], keepdim: true) + CamAttribution.Epsilon);
        var maps = new CamAttribution().Explain(model, images, CamTestModels.AllClasses(n));
        maps.shape.Should().Equal(expected.shape);
        (maps - expected).abs().max().ToDouble().Should().BeLessThan(MapTolerance);
    }

    [TestCase(1L)]
    [TestCase(2L)]
    public void The_spatial_mean_of_the_managed_score_map_is_the_logit(long stride)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride);
        model.head_bias.Should().BeNull("ResNetCam's head is bias-free");
        var images = CamTestModels.Images();
        int n = 3, k = CamTestModels.Classes;
        var scores = HandScores(model, images, out var h, out var w);
        float[] logits;
        using (torch.no_grad()) logits = model.forward(images).ToArray<float>();
        for (int p = 0; p < n * k; p++)
        {
            var mean = scores.Skip(p * h * w).Take(h * w).Average();
            logits[p].Should().BeApproximately((float)mean, (float)LogitTolerance, $"image {p / k}, class {p % k}");
        }
    }

    [TestCase(1L)]
    [TestCase(2L)]
    public void Maps_lie_in_0_1_and_reach_1_where_the_class_has_positive_evidence(long stride)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride);
        var images = CamTestModels.Images();
        int n = 3, k = CamTestModels.Classes;
        var scores = HandScores(model, images, out var h, out var w);
        var maps = new CamAttribution().Explain(model, images, CamTestModels.AllClasses(n));
        maps.min().ToDouble().Should().BeGreaterThanOrEqualTo(0);
        maps.max().ToDouble().Should().BeLessThanOrEqualTo(1);
        var maxima = maps.amax([2, 3]).ToArray<float>();
        int evident = 0;
        for (int p = 0; p < n * k; p++)
        {
            var rawMax = scores.Skip(p * h * w).Take(h * w).Max();
            if (rawMax > EvidenceFloor)
            {
                evident++;
                maxima[p].Should().BeApproximately(1f, (float)MaxTolerance, $"image {p / k}, class {p % k} has evidence {rawMax}");
            }
            else if (rawMax <= 0)
            {
                maxima[p].Should().Be(0f, $"image {p / k}, class {p % k} has no positive evidence");
            }
        }
        evident.Should().BeGreaterThan(0, "the test needs classes with positive evidence");
    }

    [Test]
    public void Classes_not_listed_are_zero_and_listed_ones_match_the_all_class_maps()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        int[][] classes = [[0, 2], [3], []];
        var plugin = new CamAttribution();
        var all = plugin.Explain(model, images, CamTestModels.AllClasses(3));
        var some = plugin.Explain(model, images, classes);
        some.shape.Should().Equal(3, CamTestModels.Classes, CamTestModels.Side, CamTestModels.Side);
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < CamTestModels.Classes; c++)
            {
                var plane = some.select(0, i).select(0, c);
                if (classes[i].Contains(c))
                    plane.equal(all.select(0, i).select(0, c)).Should().BeTrue($"image {i}, class {c} is listed");
                else
                    plane.abs().max().ToDouble().Should().Be(0, $"image {i}, class {c} is not listed");
            }
    }

    [Test]
    public void Explain_keeps_only_the_maps_it_returns_and_records_no_gradient()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        var plugin = new CamAttribution();
        var classes = CamTestModels.AllClasses(3);
        plugin.Explain(model, images, classes).Dispose();
        var live = Tensor.LiveCount;
        using (var maps = plugin.Explain(model, images, classes))
            maps.requires_grad.Should().BeFalse();
        Tensor.LiveCount.Should().Be(live, "Explain keeps only the maps it returns");
    }

    [Test]
    public void Bad_arguments_are_rejected_with_the_image_and_class_named()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images(n: 2);
        var plugin = new CamAttribution();
        plugin.Invoking(p => p.Explain(model, images, [[0]])).Should().Throw<ArgumentException>().WithMessage("*1 entries for 2 images*");
        plugin.Invoking(p => p.Explain(model, images, [[0], [4]])).Should().Throw<ArgumentException>().WithMessage("*image 1: class 4*");
        plugin.Invoking(p => p.Explain(model, images, [[1, 1], []])).Should().Throw<ArgumentException>().WithMessage("*image 0: class 1*twice*");
        plugin.Invoking(p => p.Explain(model, images.select(0, 0), [[0]])).Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*");
    }

    /// <summary>Σ_k w_ck f_k from the model's feature map and head weight, by <see cref="ManagedCam.Scores"/>.</summary>
    private static double[] HandScores(ResNetCam model, Tensor images, out int h, out int w)
    {
        float[] features;
        long[] shape;
        using (torch.no_grad())
        {
            var f = model.features(images);
            shape = f.shape;
            features = f.ToArray<float>();
        }
        var weight = model.head_weight.ToArray<float>();
        h = (int)shape[2];
        w = (int)shape[3];
        return ManagedCam.Scores(features, weight, (int)shape[0], model.num_classes, (int)shape[1], h, w);
    }
}
