using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Plugins.Perturbations.FineTuning;
using AdvCam.Plugins.Perturbations.Tests.AdvBN;
using AdvCam.Torch.Optim;

namespace AdvCam.Plugins.Perturbations.Tests.FineTuning;

public class AdvBNRecipeTests
{
    private static AdvBNRecipe Recipe(params (string Name, string Value)[] values)
    {
        var recipe = new AdvBNRecipe();
        recipe.Configure(values.ToDictionary(v => v.Name, v => v.Value));
        return recipe;
    }

    [Test]
    public void The_defaults_are_the_official_ones()
    {
        var recipe = new AdvBNRecipe();
        recipe.Stage.Should().Be("layer1");
        recipe.Eps.Should().Be(1.1);
        recipe.Steps.Should().Be(6);
        recipe.Step.Should().Be(0.2);
        recipe.AdversarialWeight.Should().Be(1);
        recipe.Relu.Should().BeTrue();
    }

    [Test]
    public void The_stages_up_to_the_cut_are_frozen()
    {
        using var model = AdvBNTestModels.Tiny();
        Recipe().FrozenStages(model).Should().Equal("stem", "layer1");
        Recipe(("stage", "stem")).FrozenStages(model).Should().Equal("stem");
    }

    [TestCase("layer7", "is not a stage of this model; its stages are stem, layer1, layer2")]
    [TestCase("layer2", "is the model's last")]
    public void A_cut_the_model_cannot_take_is_refused_naming_its_stages(string stage, string message)
    {
        using var model = AdvBNTestModels.Tiny();
        var act = () => Recipe(("stage", stage)).FrozenStages(model);
        act.Should().Throw<ArgumentException>().WithMessage($"*advbn-finetune*'{stage}'*{message}*");
    }

    [TestCase("eps", "-1")]
    [TestCase("steps", "-1")]
    [TestCase("step", "-0.2")]
    [TestCase("adv_weight", "-1")]
    [TestCase("stage", " ")]
    public void Bad_parameters_are_refused_naming_them(string name, string value)
    {
        var act = () => Recipe((name, value));
        act.Should().Throw<ArgumentException>().WithMessage($"*advbn-finetune*parameter '{name}'*");
    }

    [Test]
    public void The_adversarial_part_is_above_the_clean_part_and_zero_eps_makes_them_equal()
    {
        using var model = AdvBNTestModels.Tiny();
        var (images, labels) = AdvBNTestModels.Batch(8);
        using var scope = torch.NewDisposeScope();
        var step = new FineTuningStep(model, images, labels, 0, () => new ModeScope(model));

        var (clean, adversarial) = Recipe().Losses(step);
        adversarial.item<float>().Should().BeGreaterThan(clean.item<float>() + 0.1f, "the ascent raises the cross-entropy");

        var (clean0, adversarial0) = Recipe(("eps", "0")).Losses(step);
        adversarial0.item<float>().Should().BeApproximately(clean0.item<float>(), 1e-5f);
        Recipe().Loss(step).item<float>().Should().BeApproximately(clean.item<float>() + adversarial.item<float>(), 1e-4f);
    }

    [Test]
    public void The_ascent_runs_in_eval_mode_and_the_model_returns_to_its_modes()
    {
        using var model = AdvBNTestModels.Tiny();
        model.train();
        var (images, labels) = AdvBNTestModels.Batch(8);
        using var scope = torch.NewDisposeScope();
        var entered = 0;
        var step = new FineTuningStep(model, images, labels, 0, () =>
        {
            entered++;
            return new ModeScope(model);
        });

        Recipe().Loss(step);

        entered.Should().Be(1);
        model.training.Should().BeTrue();
        model.stages[1].training.Should().BeTrue();
    }

    [Test]
    public void A_few_steps_on_the_later_stages_lower_the_combined_loss_and_leave_the_frozen_ones_unchanged()
    {
        using var model = AdvBNTestModels.Tiny(seed: 5);
        var recipe = Recipe();
        var frozen = new[] { "conv1", "bn1", "layer1" };
        foreach (var (name, module) in model.named_children())
            if (frozen.Contains(name))
                foreach (var p in module.parameters()) p.requires_grad = false;
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var (images, labels) = AdvBNTestModels.Batch(16, seed: 8);
        using var optimizer = new SGD(model.parameters().Where(p => p.requires_grad).ToList(), 0.05, momentum: 0.9);
        var losses = new List<float>();
        for (var i = 0; i < 8; i++)
        {
            using var scope = torch.NewDisposeScope();
            model.train();
            foreach (var (name, module) in model.named_children())
                if (frozen.Contains(name)) module.eval();
            var loss = recipe.Loss(new FineTuningStep(model, images, labels, i, () => new ModeScope(model)));
            losses.Add(loss.item<float>());
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        losses[^1].Should().BeLessThan(losses[0] * 0.8f, $"losses {string.Join(", ", losses)}");
        var after = model.state_dict();
        foreach (var (key, value) in before)
        {
            var same = after[key].equal(value);
            if (key.StartsWith("conv1.", StringComparison.Ordinal) || key.StartsWith("bn1.", StringComparison.Ordinal) || key.StartsWith("layer1.", StringComparison.Ordinal))
                same.Should().BeTrue($"{key} is before the cut");
        }
        after["layer2.0.conv1.weight"].equal(before["layer2.0.conv1.weight"]).Should().BeFalse();
        after["fc.weight"].equal(before["fc.weight"]).Should().BeFalse();
        foreach (var t in before.Values) t.Dispose();
        images.Dispose();
        labels.Dispose();
    }

    /// <summary>Eval mode until disposed, then train mode for the whole model (the tests' models are uniform).</summary>
    private sealed class ModeScope : IDisposable
    {
        private readonly ResNetCam model;
        private readonly List<(AdvCam.Torch.Nn.Module Module, bool Training)> modes;

        public ModeScope(ResNetCam model)
        {
            this.model = model;
            modes = model.named_modules().Select(m => (m.module, m.module.training)).ToList();
            model.eval();
        }

        public void Dispose()
        {
            foreach (var (module, training) in modes) module.train(training);
            _ = model;
        }
    }
}
