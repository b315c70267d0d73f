using AdvCam.Core.Running;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Running;

/// <summary>Inference defences measured under image perturbations (<c>"under"</c>), and worst-case fooling rates.</summary>
public class SuiteRunnerUnderTests
{
    private static SuitePluginSpec Defence(string name, params SuitePluginSpec[] under) =>
        new(name, new Dictionary<string, string>(), null, under);

    [Test]
    public void Worst_case_fooling_rates_equal_a_hand_computation_for_a_perturbation_and_a_defence_under_it()
    {
        var data = RunnerFixture.Data();
        var results = RunnerFixture.Runner(data).Run(RunnerFixture.Spec(
            RunnerFixture.Plugin("darken"), Defence("defense-identity", RunnerFixture.Plugin("darken"))));

        // By hand: the bare model on x * (1 - amount) for amounts 0.25 and 0.5; fooled = changed at either.
        var model = RunnerFixture.FashionMnist.Model;
        var clean = new List<long>();
        var mild = new List<long>();
        var strong = new List<long>();
        using (torch.no_grad())
        {
            foreach (var batch in data.Loader().Epoch(0))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    Tensor Predict(Tensor x) => model.forward((x - TrainingTask.FashionMnistMean) / TrainingTask.FashionMnistStd).argmax(1);
                    clean.AddRange(Predict(batch.Images).ToArray<long>());
                    mild.AddRange(Predict(batch.Images * 0.75).ToArray<long>());
                    strong.AddRange(Predict(batch.Images * 0.5).ToArray<long>());
                }
            }
        }
        var fooled = Enumerable.Range(0, clean.Count).Count(i => mild[i] != clean[i] || strong[i] != clean[i]) / (double)clean.Count;
        var strongOnly = strong.Zip(clean).Count(p => p.First != p.Second) / (double)clean.Count;
        fooled.Should().BeGreaterThan(0, "the test means something only when darkening changes some prediction");

        var darken = results.Plugins[0];
        darken.Status.Should().Be(PluginStatus.Passed);
        darken.Entries.Should().HaveCount(7);
        darken.Entries[^1].Should().Be(new ResultEntry(PluginKindNames.ImagePerturbation, null, SuiteMetrics.WorstFoolingRate, fooled));
        darken.Entries[5].Value.Should().BeApproximately(strongOnly, 1e-12);

        var defence = results.Plugins[1];
        defence.Status.Should().Be(PluginStatus.Passed, defence.Error);
        defence.Entries.Select(e => (e.Under, e.Severity?.Level, e.Metric)).Should().Equal(
            (null, null, "top1"),
            ("darken", 1, "top1"), ("darken", 1, "consistency"), ("darken", 1, "fooling_rate"),
            ("darken", 2, "top1"), ("darken", 2, "consistency"), ("darken", 2, "fooling_rate"),
            ("darken", null, SuiteMetrics.WorstFoolingRate));
        defence.Entries.Should().OnlyContain(e => e.Kind == PluginKindNames.InferenceDefense);
        defence.Entries[^1].Value.Should().Be(fooled, "the identity defence's clean predictions are the model's");
        defence.Entries.Skip(1).Take(6).Select(e => e.Value).Should().Equal(darken.Entries.Take(6).Select(e => e.Value));
    }

    [Test]
    public void A_failing_perturbation_under_a_defence_fails_that_entry_naming_both_plugins()
    {
        var results = RunnerFixture.Runner().Run(RunnerFixture.Spec(
            Defence("defense-identity", RunnerFixture.Plugin("throws")), RunnerFixture.Plugin("defense-identity")));

        var failed = results.Plugins[0];
        failed.Status.Should().Be(PluginStatus.Failed);
        failed.Error.Should().Contain("plugin 'defense-identity' (inference_defense) under plugin 'throws'").And.Contain("Apply threw");
        failed.Entries.Should().ContainSingle().Which.Metric.Should().Be("top1", "the defended clean accuracy finished before");
        results.Plugins[1].Status.Should().Be(PluginStatus.Passed, "the next plugin runs on");
    }

    [TestCase("darken", "under", "not an inference defence", "$.plugins[0].under")]
    [TestCase("defense-identity", "nope", "'nope', which was not loaded", "$.plugins[0].under[0]")]
    [TestCase("defense-identity", "half-cam", "not an image perturbation", "$.plugins[0].under[0]")]
    public void A_bad_under_fails_the_entry_with_its_JSON_path(string plugin, string under, string problem, string path)
    {
        var perturbation = under == "under" ? "darken" : under;
        var results = RunnerFixture.Runner().Run(RunnerFixture.Spec(Defence(plugin, new SuitePluginSpec(perturbation))));

        var result = results.Plugins.Should().ContainSingle().Which;
        result.Status.Should().Be(PluginStatus.Failed);
        result.Error.Should().Contain(problem).And.Contain(path);
        result.Entries.Should().BeEmpty();
    }
}
