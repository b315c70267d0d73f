using AdvCam.Abstractions;
using AdvCam.Plugins.Perturbations.AdvBN;
using AdvCam.Torch.Nn;

namespace AdvCam.Plugins.Perturbations.Tests.AdvBN;

public class AdvBNPerturbationTests
{
    /// <summary>Slack on |d| ≤ eps for eps rounded to float32 in the clamp.</summary>
    private const double BoundTolerance = 1e-6;

    [Test]
    public void Defaults_are_the_official_ones_and_the_ladder_ends_at_eps_1_1()
    {
        var plugin = new AdvBNPerturbation();
        plugin.Name.Should().Be("advbn");
        plugin.Stage.Should().Be("layer1");
        plugin.Steps.Should().Be(6);
        plugin.StepFraction.Should().Be(0.2);
        plugin.RandomStart.Should().BeFalse();
        plugin.Relu.Should().BeTrue();
        var severities = plugin.Severities(28);
        severities.Select(s => s.Level).Should().Equal(1, 2, 3, 4, 5);
        severities.Select(s => s["eps"]).Should().Equal(0.1, 0.2, 0.4, 0.8, 1.1);
        severities[^1].Label.Should().Be("eps=1.1");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Eps_zero_gives_exactly_the_clean_logits(bool randomStart)
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        var plugin = AdvBNTestModels.Plugin(("eps", "0"), ("random_start", randomStart ? "true" : "false"));
        var logits = plugin.Logits(model, images, labels, plugin.Severities(12)[0], seed: 1);
        Tensor clean;
        using (torch.no_grad()) clean = model.forward(images);
        logits.equal(clean).Should().BeTrue();
    }

    [Test]
    public void Ascent_raises_the_loss_above_clean_and_more_with_larger_eps()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch(n: 8);
        var plugin = new AdvBNPerturbation();
        double cleanLoss;
        using (torch.no_grad()) cleanLoss = F.cross_entropy(model.forward(images), labels).ToDouble();
        var losses = plugin.Severities(12)
            .Select(s => F.cross_entropy(plugin.Logits(model, images, labels, s, seed: 0), labels).ToDouble())
            .ToArray();
        losses[0].Should().BeGreaterThan(cleanLoss);
        losses.Should().BeInAscendingOrder();
        losses[^1].Should().BeGreaterThan(losses[0]);
    }

    [TestCase(false, 0.1)]
    [TestCase(false, 1.1)]
    [TestCase(true, 0.4)]
    [TestCase(true, 1.1)]
    public void Shifts_stay_within_eps_and_reach_it(bool randomStart, double eps)
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        var plugin = AdvBNTestModels.Plugin(("random_start", randomStart ? "true" : "false"));
        var result = plugin.Attack(model, images, labels, eps, seed: 5);
        foreach (var d in new[] { result.DMu, result.DSigma })
        {
            d.shape.Should().Equal(4, 8, 1, 1);
            var largest = d.abs().max().ToDouble();
            largest.Should().BeLessThanOrEqualTo(eps + BoundTolerance);
            largest.Should().BeGreaterThanOrEqualTo(eps - BoundTolerance, "six steps of 0.2 eps reach the bound");
        }
    }

    [Test]
    public void Model_weights_are_unchanged_and_get_no_gradient()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var before = model.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var (images, labels) = AdvBNTestModels.Batch();
        var plugin = new AdvBNPerturbation();
        plugin.Logits(model, images, labels, plugin.Severities(12)[^1], seed: 0);
        foreach (var (name, value) in model.state_dict())
            value.equal(before[name]).Should().BeTrue(name);
        model.parameters().Should().AllSatisfy(p => p.grad.Should().BeNull());
        model.training.Should().BeFalse("the model's mode is left as it was");
        images.requires_grad.Should().BeFalse();
    }

    [Test]
    public void Same_seed_same_result_and_the_seed_matters_only_with_random_start()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        var random = AdvBNTestModels.Plugin(("random_start", "true"));
        var a = random.Attack(model, images, labels, 0.8, seed: 1);
        var b = random.Attack(model, images, labels, 0.8, seed: 1);
        var c = random.Attack(model, images, labels, 0.8, seed: 2);
        a.Logits.equal(b.Logits).Should().BeTrue();
        a.DMu.equal(b.DMu).Should().BeTrue();
        a.DSigma.equal(b.DSigma).Should().BeTrue();
        a.DMu.equal(c.DMu).Should().BeFalse("a different seed starts elsewhere");

        var fixedStart = new AdvBNPerturbation();
        fixedStart.Attack(model, images, labels, 0.8, seed: 1).Logits
            .equal(fixedStart.Attack(model, images, labels, 0.8, seed: 2).Logits).Should().BeTrue("the zero start ignores the seed");
    }

    [Test]
    public void Unknown_stage_is_refused_with_the_model_stages()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        var plugin = AdvBNTestModels.Plugin(("stage", "layer9"));
        var act = () => plugin.Logits(model, images, labels, plugin.Severities(12)[0], seed: 0);
        act.Should().Throw<ArgumentException>().WithMessage("*'layer9'*stem, layer1, layer2*");
    }

    [Test]
    public void Every_stage_of_the_model_can_be_perturbed()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        foreach (var stage in model.stage_names)
        {
            var plugin = AdvBNTestModels.Plugin(("stage", stage));
            plugin.Logits(model, images, labels, plugin.Severities(12)[2], seed: 0).shape.Should().Equal(4, AdvBNTestModels.Classes);
        }
    }

    [TestCase("eps", "0.1,abc", "*'eps'*'abc'*")]
    [TestCase("eps", "0.4,0.2", "*'eps'*increasing*")]
    [TestCase("eps", "-0.1", "*'eps'*non-negative*")]
    [TestCase("steps", "-1", "*'steps'*at least 0*")]
    [TestCase("step_fraction", "0", "*'step_fraction'*positive*")]
    [TestCase("stage", " ", "*'stage'*")]
    public void Bad_parameters_are_refused_by_name(string name, string value, string message)
    {
        var plugin = new AdvBNPerturbation();
        var act = () => plugin.Configure(new Dictionary<string, string> { [name] = value });
        act.Should().Throw<ArgumentException>().WithMessage(message);
        plugin.Values[name].Should().Be(new AdvBNPerturbation().Values[name], "a refused value leaves the previous one");
    }

    [Test]
    public void Bad_inputs_are_refused_with_what_was_wrong()
    {
        using var scope = torch.NewDisposeScope();
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch();
        var plugin = new AdvBNPerturbation();
        var foreign = new Severity(1, "eps=0.3", ("eps", 0.3));
        plugin.Invoking(p => p.Logits(model, images, labels, foreign, 0)).Should().Throw<ArgumentException>().WithMessage("*eps=0.3*offers*");
        plugin.Invoking(p => p.Attack(model, images, labels.narrow(0, 0, 2), 0.1, 0)).Should().Throw<ArgumentException>().WithMessage("*labels*N = 4*");
        plugin.Invoking(p => p.Attack(model, images, labels, -0.5, 0)).Should().Throw<ArgumentException>().WithMessage("*eps -0.5*");
    }
}
