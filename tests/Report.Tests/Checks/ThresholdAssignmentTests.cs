using AdvCam.Core.Models;
using AdvCam.Report.Checks;

namespace AdvCam.Report.Tests.Checks;

public class ThresholdAssignmentTests
{
    private static string Mnist => ShippedModels.PathOf(ShippedModels.FashionMnist);

    private static string Scenes => ShippedModels.PathOf(ShippedModels.FashionScenes);

    [Test]
    public void The_threshold_file_beside_each_model_applies_unless_turned_off()
    {
        var assigned = ThresholdAssignment.Assign([], true, [Mnist, Scenes, ShippedModels.PathOf("fashion-mnist-blur-mix")], null);
        assigned.Select(a => a.Single().Thresholds.File).Take(2).Should().Equal(Path.Combine(Mnist, "thresholds.json"), Path.Combine(Scenes, "thresholds.json"));
        assigned[2].Should().BeEmpty("the blur-mix model has no thresholds.json beside it");
        ThresholdAssignment.Assign([], false, [Mnist, Scenes], null).Should().OnlyContain(a => a.Count == 0);
    }

    [Test]
    public void A_file_given_goes_to_the_suite_of_its_model_and_replaces_the_one_beside_it()
    {
        var file = Path.Combine(Scenes, "thresholds.json");
        // The model given as its file rather than its folder is the same model.
        var assigned = ThresholdAssignment.Assign([file], true, [Mnist, Path.Combine(Scenes, TrainedModel.FileName)], null);
        assigned[1].Single().Thresholds.File.Should().Be(file);
        assigned[0].Single().Thresholds.File.Should().Be(Path.Combine(Mnist, "thresholds.json"));
    }

    [Test]
    public void A_file_for_a_model_the_report_does_not_run_is_refused_naming_the_model()
    {
        var act = () => ThresholdAssignment.Assign([Path.Combine(Scenes, "thresholds.json")], true, [Mnist], null);
        act.Should().Throw<ArgumentException>().WithMessage($"threshold file '*thresholds.json' is for model '{Scenes}*', which this report does not run*add --model*");
    }
}
