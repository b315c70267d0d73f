using System.Text.Json.Nodes;
using AdvCam.Core.Running;
using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Running;

/// <summary>The runner with the sample plugin and well-behaved test plugins on the shipped Fashion-MNIST model.</summary>
public class SuiteRunnerTests
{
    [Test]
    public void The_sample_plugin_is_measured_as_an_independent_computation_says()
    {
        var data = RunnerFixture.Data();
        var progress = new CountingProgress();
        var results = RunnerFixture.Runner(data).Run(RunnerFixture.Spec(RunnerFixture.Plugin("sample-invert")), progress);

        // The clean pass against the training task's own (normalising) test loader and evaluation.
        var task = TrainingTask.Create("fashion-mnist", new TrainingTaskOptions { TrainSubset = 1, TestSubset = RunnerFixture.Items, BatchSize = 32, Workers = 0 });
        task.Model.Dispose();
        var model = RunnerFixture.FashionMnist.Model;
        var clean = Trainer.Evaluate(model, task.Test, ObjectiveKind.SingleLabel, Device.Cpu);
        results.Clean!.Metrics.Should().Equal(new MetricValue("top1", clean));

        // Inversion by hand: 1 - x on the raw images, normalised with the task's statistics, through the bare model.
        var labels = new List<long>();
        var cleanPredictions = new List<long>();
        var invertedPredictions = new List<long>();
        using (torch.no_grad())
        {
            foreach (var batch in data.Loader().Epoch(0))
            {
                using (batch)
                using (torch.NewDisposeScope())
                {
                    var raw = batch.Images;
                    labels.AddRange(batch.Targets.ToArray<long>());
                    cleanPredictions.AddRange(model.forward((raw - TrainingTask.FashionMnistMean) / TrainingTask.FashionMnistStd).argmax(1).ToArray<long>());
                    invertedPredictions.AddRange(model.forward((1 - raw - TrainingTask.FashionMnistMean) / TrainingTask.FashionMnistStd).argmax(1).ToArray<long>());
                }
            }
        }
        var top1 = invertedPredictions.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Count;
        var consistency = invertedPredictions.Zip(cleanPredictions).Count(p => p.First == p.Second) / (double)labels.Count;

        var plugin = results.Plugins.Should().ContainSingle().Which;
        plugin.Name.Should().Be("sample-invert");
        plugin.Status.Should().Be(PluginStatus.Passed);
        plugin.Error.Should().BeNull();
        plugin.Kinds.Should().Equal(PluginKindNames.ImagePerturbation);
        plugin.SourceFile.Should().EndWith("AdvCam.Samples.SamplePlugin.dll");
        plugin.Parameters.Should().BeEmpty();
        plugin.Entries[^1].Should().Be(new ResultEntry(PluginKindNames.ImagePerturbation, null, SuiteMetrics.WorstFoolingRate, 1 - consistency),
            "with one severity the worst case is its fooling rate");
        plugin.Entries.SkipLast(1).Select(e => (e.Kind, e.Severity!.Level, e.Severity.Label, e.Metric)).Should().Equal(
            (PluginKindNames.ImagePerturbation, 1, "inverted", "top1"),
            (PluginKindNames.ImagePerturbation, 1, "inverted", "consistency"),
            (PluginKindNames.ImagePerturbation, 1, "inverted", "fooling_rate"));
        plugin.Entries[0].Severity!.Values.Should().Equal(new Dictionary<string, double> { ["amount"] = 1.0 });
        plugin.Entries[0].Value.Should().BeApproximately(top1, 1e-12);
        plugin.Entries[1].Value.Should().BeApproximately(consistency, 1e-12);
        plugin.Entries[2].Value.Should().BeApproximately(1 - consistency, 1e-12);
        top1.Should().BeLessThan(clean - 0.3, "a negative fools a Fashion-MNIST classifier (a check that the test means something)");

        results.Status.Should().Be(SuiteStatus.Completed);
        results.Data.Items.Should().Be(RunnerFixture.Items);
        results.Data.ImageSize.Should().Be(28);
        results.Data.Channels.Should().Be(1);
        results.Model.Task.Should().Be("fashion-mnist");
        results.Environment.Seed.Should().Be(5);
        progress.Reports.Select(p => (p.Plugin, p.Batch, p.Batches)).Should().Equal(
            (null, 1, 3), (null, 2, 3), (null, 3, 3), ("sample-invert", 1, 3), ("sample-invert", 2, 3), ("sample-invert", 3, 3));
    }

    [Test]
    public void Without_a_plugin_list_every_loaded_plugin_runs()
    {
        var results = RunnerFixture.Runner(RunnerFixture.Data(8, 8)).Run(new SuiteSpec { Name = "all" });
        results.Plugins.Select(p => p.Name).Should().Equal(RunnerFixture.Catalog.Plugins.Select(p => p.Name));
    }

    [Test]
    public void Two_runs_give_the_same_results_and_each_batch_gets_the_seed_of_the_suite_and_its_index()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-runner-seeds-").FullName;
        try
        {
            var log = Path.Combine(folder, "seeds.txt");
            var spec = RunnerFixture.Spec(
                RunnerFixture.Plugin("sample-invert"),
                RunnerFixture.Plugin("darken", new Dictionary<string, string> { ["factor"] = "1.5" }),
                RunnerFixture.Plugin("seed-log", new Dictionary<string, string> { ["log"] = log }),
                RunnerFixture.Plugin("model-identity"),
                RunnerFixture.Plugin("defense-identity"));

            var first = RunnerFixture.Runner().Run(spec);
            File.ReadAllLines(log).Should().Equal(
                from level in new[] { 1, 2 }
                from batch in Enumerable.Range(0, 3)
                select $"{level} {SuiteSeeds.Batch(5, batch)}");
            File.Delete(log);
            var second = RunnerFixture.Runner().Run(spec);

            first.Plugins.Should().OnlyContain(p => p.Status == PluginStatus.Passed);
            RunnerFixture.WithoutTimings(second).Should().Be(RunnerFixture.WithoutTimings(first));
            var clean = first.Clean!.Metrics[0].Value;
            first.Plugins[1].Parameters.Should().Equal(new Dictionary<string, string> { ["factor"] = "1.5" });
            first.Plugins[1].Entries.Should().HaveCount(7);
            first.Plugins[3].Entries.Should().ContainSingle().Which.Value.Should().Be(clean, "the model perturbation returned the clean logits");
            first.Plugins[4].Entries.Should().ContainSingle().Which.Should().Be(new ResultEntry(PluginKindNames.InferenceDefense, null, "top1", clean));

            RunnerFixture.Runner().Run(spec with { Seed = 6 });
            File.ReadAllLines(log).Should().Contain($"1 {SuiteSeeds.Batch(6, 0)}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_run_leaves_no_tensor_behind_even_when_plugins_fail()
    {
        var spec = RunnerFixture.Spec(
            RunnerFixture.Plugin("sample-invert"),
            RunnerFixture.Plugin("throws"),
            RunnerFixture.Plugin("nan-short"),
            RunnerFixture.Plugin("wrong-shape"),
            RunnerFixture.Plugin("model-identity"),
            RunnerFixture.Plugin("defense-throws"));
        RunnerFixture.Runner().Run(spec); // warm-up: anything created once per process is made here
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = Tensor.LiveCount;

        var results = RunnerFixture.Runner().Run(spec);

        Tensor.LiveCount.Should().Be(before, "every batch runs in a dispose scope, failures included");
        results.Plugins.Count(p => p.Status == PluginStatus.Failed).Should().Be(4);
    }

    [Test]
    public void Results_are_written_atomically_as_snake_case_JSON_that_reads_back()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("advcam-runner-json-").FullName, "out");
        try
        {
            var results = RunnerFixture.Runner().Run(RunnerFixture.Spec(RunnerFixture.Plugin("sample-invert"), RunnerFixture.Plugin("throws")));
            var path = results.WriteTo(folder);
            path.Should().Be(Path.Combine(folder, SuiteResults.FileName));
            var rewritten = results with { Suite = results.Suite with { Name = "rewritten" } };
            rewritten.WriteTo(folder);
            Directory.GetFiles(folder).Should().Equal([path], "the temporary file is renamed over the old one, none is left");

            var json = JsonNode.Parse(File.ReadAllText(path))!;
            json["schema_version"]!.GetValue<int>().Should().Be(SuiteResults.CurrentSchemaVersion);
            json["suite"]!["name"]!.GetValue<string>().Should().Be("rewritten");
            json["status"]!.GetValue<string>().Should().Be("completed");
            json["environment"]!["libtorch_version"]!.GetValue<string>().Should().Be(torch.version);
            json["environment"]!["threads"]!.GetValue<int>().Should().Be(torch.get_num_threads());
            json["environment"]!["device"]!.GetValue<string>().Should().Be("cpu");
            if (json["environment"]!["git_commit"] is { } commit) commit.GetValue<string>().Should().MatchRegex("^[0-9a-f]{40}$", "null outside a checkout");
            json["model"]!["metadata"]!["train.task"]!.GetValue<string>().Should().Be("fashion-mnist");
            json["data"]!["items"]!.GetValue<int>().Should().Be(RunnerFixture.Items);
            json["clean"]!["metrics"]![0]!["metric"]!.GetValue<string>().Should().Be("top1");
            var invert = json["plugins"]![0]!;
            invert["status"]!.GetValue<string>().Should().Be("passed");
            invert["source_file"]!.GetValue<string>().Should().EndWith(".dll");
            invert["entries"]![2]!["metric"]!.GetValue<string>().Should().Be("fooling_rate");
            invert["entries"]![2]!["severity"]!["values"]!["amount"]!.GetValue<double>().Should().Be(1);
            json["plugins"]![1]!["status"]!.GetValue<string>().Should().Be("failed");
            json["plugins"]![1]!["error"]!.GetValue<string>().Should().Contain("frobnicator");
            json["load_failures"]!.AsArray().Should().BeEmpty();

            SuiteResults.FromJson(File.ReadAllText(path)).ToJson().Should().Be(rewritten.ToJson());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Test]
    public void A_model_of_another_task_than_the_data_is_refused()
    {
        var scenes = SuiteData.ForTask("fashion-scenes", 4, 4);
        var act = () => RunnerFixture.Runner(scenes);
        act.Should().Throw<ArgumentException>().WithMessage("*task 'fashion-mnist'*task 'fashion-scenes'*");
    }
}
