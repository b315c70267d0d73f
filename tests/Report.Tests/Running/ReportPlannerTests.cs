using AdvCam.Core.Plugins;
using AdvCam.Report.Running;

namespace AdvCam.Report.Tests.Running;

public class ReportPlannerTests
{
    [Test]
    public void The_built_in_plugins_split_into_perturbations_on_fashion_mnist_and_attributions_on_scenes()
    {
        using var catalog = PluginLoader.Load(RealReport.PluginFolder);
        var plans = ReportPlanner.Plan(catalog.Plugins, null);
        plans.Select(p => (p.Name, p.Model)).Should().Equal((ReportPlanner.PerturbationSuite, "fashion-mnist"), (ReportPlanner.AttributionSuite, "fashion-scenes"));
        var images = catalog.Plugins.Where(p => p.Kinds.HasFlag(PluginKinds.ImagePerturbation)).Select(p => p.Name).ToArray();
        images.Should().Contain(["gaussian-blur", "defocus-blur", "motion-blur", "camera-shake", "pixel-shift", "pixel-roll"]);

        var perturbations = plans[0].Plugins;
        perturbations.Select(p => p.Name).Should().Contain(images).And.Contain("advbn").And.NotContain("cam");
        var defences = perturbations.Where(p => p.Name == "crop-select").ToArray();
        defences.Should().HaveCount(2, "crop selection runs plain and cyclic");
        defences[0].Parameters.Should().BeEmpty();
        defences[1].Parameters.Should().Equal(new Dictionary<string, string> { ["cyclic"] = "true" });
        defences.Should().OnlyContain(d => d.Under!.Select(u => u.Name).SequenceEqual(images));
        plans[1].Plugins.Select(p => p.Name).Should().Contain("cam").And.NotContain(images);
    }

    [Test]
    public void Each_fine_tuned_model_gets_the_image_and_model_perturbations_but_no_defence_right_after_the_original()
    {
        using var catalog = PluginLoader.Load(RealReport.PluginFolder);
        FineTunedModel[] tuned = [new("ft-a", "/m/ft-a", "blur-mix", "/m/fashion-mnist/model.safetensors"), new("ft-b", "/m/ft-b", "advbn-finetune", "/m/fashion-mnist/model.safetensors")];
        var plans = ReportPlanner.Plan(catalog.Plugins, null, tuned);
        plans.Select(p => (p.Name, p.Model, p.BaseSuite, p.Recipe)).Should().Equal(
            (ReportPlanner.PerturbationSuite, "fashion-mnist", null, null),
            ("perturbations/ft-a", "/m/ft-a", ReportPlanner.PerturbationSuite, "blur-mix"),
            ("perturbations/ft-b", "/m/ft-b", ReportPlanner.PerturbationSuite, "advbn-finetune"),
            (ReportPlanner.AttributionSuite, "fashion-scenes", null, null));
        var expected = catalog.Plugins.Where(p => (p.Kinds & (PluginKinds.ImagePerturbation | PluginKinds.ModelPerturbation)) != 0).Select(p => p.Name);
        plans[1].Plugins.Select(p => p.Name).Should().Equal(expected).And.Contain("advbn").And.Contain("defocus-blur").And.NotContain("crop-select");
        plans[1].Plugins.Should().OnlyContain(p => p.Under == null && p.Parameters.Count == 0, "every perturbation with its defaults, as on the original");
        // The original's perturbations are the same, in the same order, plus the defences.
        plans[0].Plugins.Where(p => p.Name != "crop-select").Select(p => p.Name).Should().Equal(plans[1].Plugins.Select(p => p.Name));
        ReportPlanner.Plan(catalog.Plugins, "my/model", tuned).Should().ContainSingle("a given model is measured alone");
    }

    [Test]
    public void A_given_model_gets_one_suite_of_every_plugin()
    {
        using var catalog = PluginLoader.Load(RealReport.PluginFolder);
        var plan = ReportPlanner.Plan(catalog.Plugins, "my/model").Should().ContainSingle().Subject;
        plan.Model.Should().Be("my/model");
        plan.Plugins.Select(p => p.Name).Distinct().Should().BeEquivalentTo(catalog.Plugins.Where(p => (p.Kinds & ~PluginKinds.FineTuningRecipe) != PluginKinds.None).Select(p => p.Name));
    }
}
