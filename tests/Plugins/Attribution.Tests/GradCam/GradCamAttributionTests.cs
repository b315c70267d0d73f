using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Plugins.Attribution.Cam;
using AdvCam.Plugins.Attribution.GradCam;
using AdvCam.Plugins.Attribution.Tests.Cam;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Attribution.Tests.GradCam;

/// <summary>The "grad-cam" plugin against CAM (last stage), finite differences (earlier stages) and a per-pair loop.</summary>
public class GradCamAttributionTests
{
    /// <summary>Float32 rounding of maps in [0, 1] computed along two routes (autograd against a closed form).</summary>
    private const double MapTolerance = 1e-5;

    /// <summary>
    /// Float64 maps from central-difference channel weights against the plugin's autograd ones: the network is piecewise
    /// linear, so the differences are exact up to rounding (about 1e-16 / <see cref="FiniteDifferenceStep"/>) unless the
    /// step crosses a ReLU kink.
    /// </summary>
    private const double FiniteDifferenceTolerance = 1e-7;

    /// <summary>The constant added to (and subtracted from) a whole channel for the central differences.</summary>
    private const double FiniteDifferenceStep = 1e-5;

    /// <summary>A raw map maximum above this counts as positive evidence when comparing with CAM.</summary>
    private const double EvidenceFloor = 1e-2;

    [Test]
    public void Name_is_grad_cam_with_a_layer_parameter_defaulting_to_the_last_stage()
    {
        var plugin = new GradCamAttribution();
        plugin.Name.Should().Be("grad-cam");
        plugin.Parameters.Should().ContainSingle().Which.Name.Should().Be(GradCamAttribution.LayerParameter);
        plugin.Values[GradCamAttribution.LayerParameter].Should().Be(GradCamAttribution.LastStage);
        using var model = CamTestModels.Tiny(stride: 2);
        plugin.StageOf(model).Should().Be(model.stage_names[^1]);
        plugin.Configure(new Dictionary<string, string> { [GradCamAttribution.LayerParameter] = " layer1 " });
        plugin.StageOf(model).Should().Be("layer1");
    }

    /// <summary>
    /// At the last stage, ∂y_c/∂A_k = w_ck / (h·w) everywhere, so Grad-CAM's raw map is CAM's divided by h·w: the
    /// closed form <c>u / (max u + 1e-5)</c> with <c>u</c> the upsampled <c>ReLU(Σ_k w_ck A_k) / (h·w)</c>.
    /// </summary>
    [TestCase(1L)]
    [TestCase(2L)]
    public void At_the_last_stage_it_is_CAM_over_h_w_before_normalisation(long stride)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride);
        var images = CamTestModels.Images();
        var (raw, h, w) = CamScores(model, images);
        var upsampled = F.interpolate(raw.div(h * w), [CamTestModels.Side, CamTestModels.Side], InterpolationMode.Bilinear, align_corners: false);
        var expected = upsampled.div(upsampled.amax([2, 3], keepdim: true) + GradCamAttribution.Epsilon);
        var maps = new GradCamAttribution().Explain(model, images, CamTestModels.AllClasses(3));
        maps.shape.Should().Equal(expected.shape);
        (maps - expected).abs().max().ToDouble().Should().BeLessThan(MapTolerance);
    }

    /// <summary>
    /// Hence, after max-normalisation, Grad-CAM at the last stage is CAM: u / (M + ε·h·w) against u / (M + ε) for a
    /// plane u of upsampled raw maximum M, apart by at most ε·h·w / M (+ rounding).
    /// </summary>
    [TestCase(1L)]
    [TestCase(2L)]
    public void At_the_last_stage_the_normalised_maps_agree_with_CAM(long stride)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride);
        var images = CamTestModels.Images();
        var (raw, h, w) = CamScores(model, images);
        var upsampled = F.interpolate(raw, [CamTestModels.Side, CamTestModels.Side], InterpolationMode.Bilinear, align_corners: false);
        var rawMax = upsampled.amax([2, 3]).reshape(-1).ToArray<float>();
        var cam = new CamAttribution().Explain(model, images, CamTestModels.AllClasses(3));
        var gradCam = new GradCamAttribution().Explain(model, images, CamTestModels.AllClasses(3));
        var difference = (cam - gradCam).abs().amax([2, 3]).reshape(-1).ToArray<float>();
        var compared = 0;
        for (var p = 0; p < rawMax.Length; p++)
        {
            if (rawMax[p] <= 0)
            {
                difference[p].Should().Be(0, $"plane {p} has no positive evidence: both maps are zero");
                continue;
            }
            if (rawMax[p] < EvidenceFloor) continue;
            compared++;
            var slack = GradCamAttribution.Epsilon * h * w / rawMax[p] + MapTolerance;
            difference[p].Should().BeLessThan((float)slack, $"image {p / CamTestModels.Classes}, class {p % CamTestModels.Classes}, upsampled raw maximum {rawMax[p]}");
        }
        compared.Should().BeGreaterThan(0, "the test needs planes with evidence");
    }

    [Test]
    public void Naming_the_last_stage_is_the_default()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        var byDefault = new GradCamAttribution().Explain(model, images, CamTestModels.AllClasses(3));
        var named = Configured(model.stage_names[^1]).Explain(model, images, CamTestModels.AllClasses(3));
        named.equal(byDefault).Should().BeTrue();
    }

    /// <summary>
    /// At an earlier stage, α_ck = mean_hw ∂y_c/∂A_k is the derivative of y_c along the all-ones direction of channel k,
    /// divided by h·w: [y_c(A + δ·1_k) − y_c(A − δ·1_k)] / (2δ·h·w), computed in float64 by forward passes only; the map
    /// is then ReLU(Σ_k α_ck A_k), upsampled and normalised.
    /// </summary>
    [TestCase("stem")]
    [TestCase("layer1")]
    public void At_an_earlier_stage_the_channel_weights_are_the_finite_difference_ones(string stage)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        model.to(ScalarType.Float64);
        var images = CamTestModels.Images(n: 2).to(ScalarType.Float64);
        int n = 2, k = CamTestModels.Classes;
        Tensor features;
        using (torch.no_grad()) features = model.forward_until(images, stage);
        long channels = features.size(1), h = features.size(2), w = features.size(3);
        var alphas = new List<Tensor>();
        using (torch.no_grad())
        {
            for (var i = 0; i < n; i++)
            {
                var a = features.select(0, i);
                // Rows 2j and 2j + 1: channel j shifted by +δ and −δ.
                var shifted = new List<Tensor>();
                for (var j = 0; j < channels; j++)
                {
                    var direction = torch.eye(channels, ScalarType.Float64).select(0, j).view(channels, 1, 1);
                    shifted.Add(a + direction * FiniteDifferenceStep);
                    shifted.Add(a - direction * FiniteDifferenceStep);
                }
                var logits = model.forward_from(torch.stack(shifted, 0), stage).view(channels, 2, k);
                var derivative = (logits.select(1, 0) - logits.select(1, 1)) / (2 * FiniteDifferenceStep * h * w);
                alphas.Add(derivative.transpose(0, 1)); // [K, channels]
            }
        }
        var alpha = torch.stack(alphas, 0); // [N, K, channels]
        var raw = torch.einsum("nck,nkhw->nchw", alpha, features).relu();
        var upsampled = F.interpolate(raw, [CamTestModels.Side, CamTestModels.Side], InterpolationMode.Bilinear, align_corners: false);
        var expected = upsampled.div(upsampled.amax([2, 3], keepdim: true) + GradCamAttribution.Epsilon);
        var maps = Configured(stage).Explain(model, images, CamTestModels.AllClasses(n));
        maps.dtype.Should().Be(ScalarType.Float64);
        upsampled.amax([2, 3]).min().ToDouble().Should().BeGreaterThan(0, "every class should have some evidence for the test to bite");
        (maps - expected).abs().max().ToDouble().Should().BeLessThan(FiniteDifferenceTolerance);
    }

    [TestCase("layer1")]
    [TestCase("last")]
    public void Batched_pairs_equal_one_call_per_image_and_class_and_unlisted_classes_are_zero(string layer)
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        int[][] classes = [[0, 2], [3], [1, 3, 0]];
        var plugin = Configured(layer);
        var batched = plugin.Explain(model, images, classes);
        batched.shape.Should().Equal(3, CamTestModels.Classes, CamTestModels.Side, CamTestModels.Side);
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < CamTestModels.Classes; c++)
            {
                var plane = batched.select(0, i).select(0, c);
                if (!classes[i].Contains(c))
                {
                    plane.abs().max().ToDouble().Should().Be(0, $"image {i}, class {c} is not listed");
                    continue;
                }
                var single = plugin.Explain(model, images.narrow(0, i, 1), [[c]]).select(0, 0).select(0, c);
                (plane - single).abs().max().ToDouble().Should().BeLessThan(MapTolerance, $"image {i}, class {c}");
            }
        batched.min().ToDouble().Should().BeGreaterThanOrEqualTo(0);
        batched.max().ToDouble().Should().BeLessThanOrEqualTo(1);
    }

    [Test]
    public void Explain_leaves_no_parameter_gradient_the_mode_and_parameters_unchanged_and_keeps_only_its_maps()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images();
        var before = model.parameters().Select(p => p.detach().clone()).ToArray();
        var plugin = Configured("layer1");
        var classes = CamTestModels.AllClasses(3);
        plugin.Explain(model, images, classes).Dispose();
        var live = Tensor.LiveCount;
        using (var maps = plugin.Explain(model, images, classes))
            maps.requires_grad.Should().BeFalse();
        Tensor.LiveCount.Should().Be(live, "Explain keeps only the maps it returns");
        model.training.Should().BeFalse();
        var after = model.parameters();
        for (var j = 0; j < after.Count; j++)
        {
            after[j].grad.Should().BeNull($"parameter {j} must get no gradient");
            after[j].equal(before[j]).Should().BeTrue($"parameter {j} must be unchanged");
        }
    }

    [Test]
    public void No_class_asked_gives_zeros()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var maps = new GradCamAttribution().Explain(model, CamTestModels.Images(n: 2), [[], []]);
        maps.shape.Should().Equal(2, CamTestModels.Classes, CamTestModels.Side, CamTestModels.Side);
        maps.abs().max().ToDouble().Should().Be(0);
    }

    [Test]
    public void Bad_arguments_are_rejected_with_the_image_and_class_named()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var images = CamTestModels.Images(n: 2);
        var plugin = new GradCamAttribution();
        plugin.Invoking(p => p.Explain(model, images, [[0]])).Should().Throw<ArgumentException>().WithMessage("*1 entries for 2 images*");
        plugin.Invoking(p => p.Explain(model, images, [[0], [4]])).Should().Throw<ArgumentException>().WithMessage("*image 1: class 4*");
        plugin.Invoking(p => p.Explain(model, images, [[0], [-1]])).Should().Throw<ArgumentException>().WithMessage("*image 1: class -1*");
        plugin.Invoking(p => p.Explain(model, images, [[1, 1], []])).Should().Throw<ArgumentException>().WithMessage("*image 0: class 1*twice*");
        plugin.Invoking(p => p.Explain(model, images, [[0], null!])).Should().Throw<ArgumentException>().WithMessage("*image 1*null*");
        plugin.Invoking(p => p.Explain(model, images.select(0, 0), [[0]])).Should().Throw<ArgumentException>().WithMessage("*[N, C, H, W]*");
    }

    [Test]
    public void An_unknown_layer_is_refused_naming_the_model_s_stages()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CamTestModels.Tiny(stride: 2);
        var plugin = Configured("layer9");
        plugin.Invoking(p => p.Explain(model, CamTestModels.Images(n: 1), [[0]])).Should().Throw<ArgumentException>()
            .WithMessage("*layer 'layer9'*not a stage*stem, layer1, layer2*");
        new GradCamAttribution().Invoking(p => p.Configure(new Dictionary<string, string> { [GradCamAttribution.LayerParameter] = " " }))
            .Should().Throw<ArgumentException>().WithMessage("*layer*must name a stage*");
    }

    private static GradCamAttribution Configured(string layer)
    {
        var plugin = new GradCamAttribution();
        plugin.Configure(new Dictionary<string, string> { [GradCamAttribution.LayerParameter] = layer });
        return plugin;
    }

    /// <summary>ReLU(Σ_k w_ck f_k) [N, K, h, w] of the model's last feature map, and h, w.</summary>
    private static (Tensor Raw, long H, long W) CamScores(ResNetCam model, Tensor images)
    {
        using var _ = torch.no_grad();
        var features = model.features(images);
        var raw = torch.einsum("ck,nkhw->nchw", model.head_weight, features).relu();
        return (raw, features.size(2), features.size(3));
    }
}
