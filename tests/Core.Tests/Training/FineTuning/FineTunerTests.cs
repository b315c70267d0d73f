using System.Text.Json.Nodes;
using AdvCam.Abstractions;
using AdvCam.Core.Models;
using AdvCam.Core.Training;
using AdvCam.Core.Training.FineTuning;
using AdvCam.Torch.IO;
using AdvCam.Torch.Nn;

namespace AdvCam.Core.Tests.Training.FineTuning;

public class FineTunerTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-finetune-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>A tiny fashion-mnist classifier written as <c>advcam train</c> writes one, in <c>folder/base</c>.</summary>
    private string TinyBase()
    {
        var config = new ResNetCamConfig
        {
            NumClasses = 10, InChannels = 1, StemChannels = 4, Widths = [4, 8], Blocks = [1, 1], Strides = [1, 2],
        };
        torch.manual_seed(4);
        using var model = new ResNetCam(config);
        var path = Path.Combine(folder, "base");
        Directory.CreateDirectory(path);
        var metadata = new Dictionary<string, string>(config.ToMetadata()) { ["train.task"] = "fashion-mnist", ["train.seed"] = "0", ["train.epoch"] = "1" };
        ModelFile.Save(Path.Combine(path, TrainedModel.FileName), model, metadata);
        return path;
    }

    private FineTuningOptions Options(string baseModel, string output, int epochs = 1, bool resume = false) => new()
    {
        BaseModel = baseModel,
        OutputDirectory = output,
        Epochs = epochs,
        Lr = 0.05,
        BatchSize = 32,
        TrainSubset = 96,
        TestSubset = 64,
        Workers = 0,
        Seed = 2,
        Resume = resume,
    };

    [Test]
    public void Frozen_stages_keep_weights_and_statistics_the_later_ones_train_and_the_card_records_the_recipe()
    {
        var baseModel = TinyBase();
        var recipe = new FreezingRecipe();
        var result = FineTuner.Run(recipe, Options(baseModel, Path.Combine(folder, "out")));

        var (before, _) = Safetensors.LoadWithMetadata(Path.Combine(baseModel, TrainedModel.FileName));
        var (after, metadata) = Safetensors.LoadWithMetadata(result.ModelPath);
        foreach (var (key, value) in before)
        {
            var frozen = key.StartsWith("conv1.", StringComparison.Ordinal) || key.StartsWith("bn1.", StringComparison.Ordinal) ||
                         key.StartsWith("layer1.", StringComparison.Ordinal);
            if (frozen) after[key].equal(value).Should().BeTrue($"{key} is frozen");
        }
        after["layer2.0.conv1.weight"].equal(before["layer2.0.conv1.weight"]).Should().BeFalse();
        after["layer2.0.bn1.running_mean"].equal(before["layer2.0.bn1.running_mean"]).Should().BeFalse("trained stages are in train mode");
        after["fc.weight"].equal(before["fc.weight"]).Should().BeFalse();
        recipe.Steps.Should().Be(3, "96 items in batches of 32");
        recipe.Seeds.Should().OnlyHaveUniqueItems();
        recipe.SawImagesInUnitRange.Should().BeTrue("recipes see images in [0, 1]");

        metadata!["train.task"].Should().Be("fashion-mnist");
        metadata["finetune.recipe"].Should().Be("test-freeze");
        metadata["finetune.parameters"].Should().Be("{\"scale\":\"1\"}");
        var card = JsonNode.Parse(File.ReadAllText(result.CardPath))!;
        card["fine_tuning"]!["recipe"]!.GetValue<string>().Should().Be("test-freeze");
        card["fine_tuning"]!["base_model"]!.GetValue<string>().Should().Be(Path.GetFullPath(Path.Combine(baseModel, TrainedModel.FileName)));
        card["fine_tuning"]!["frozen_stages"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("stem", "layer1");
        card["fine_tuning"]!["parameters"]!["scale"]!.GetValue<string>().Should().Be("1");
        card["metrics"]!["top1"]!.GetValue<double>().Should().BeInRange(0, 1);
        using var loaded = TrainedModel.Load(result.ModelPath);
        loaded.Task.Should().Be("fashion-mnist", "a fine-tuned model is evaluated like its base");
        foreach (var t in before.Values.Concat(after.Values)) t.Dispose();
    }

    [Test]
    public void Resuming_with_other_recipe_parameters_is_refused_and_with_the_same_continues()
    {
        var baseModel = TinyBase();
        var output = Path.Combine(folder, "out");
        FineTuner.Run(new FreezingRecipe(), Options(baseModel, output, epochs: 1));

        var other = new FreezingRecipe();
        other.Configure(new Dictionary<string, string> { ["scale"] = "2" });
        var act = () => FineTuner.Run(other, Options(baseModel, output, epochs: 2, resume: true));
        act.Should().Throw<InvalidDataException>().WithMessage("*finetune.parameters*");

        var resumed = FineTuner.Run(new FreezingRecipe(), Options(baseModel, output, epochs: 2, resume: true));
        resumed.ResumedFromEpoch.Should().Be(1);
        resumed.Epochs.Should().HaveCount(2);
    }

    [Test]
    public void Bad_options_and_models_that_are_not_single_label_classifiers_are_refused()
    {
        var baseModel = TinyBase();
        var bad = () => FineTuner.Run(new FreezingRecipe(), new FineTuningOptions { BaseModel = baseModel, OutputDirectory = folder, Epochs = 0 });
        bad.Should().Throw<ArgumentException>().WithMessage("*epochs must be at least 1*");
        var lr = () => FineTuner.Run(new FreezingRecipe(), new FineTuningOptions { BaseModel = baseModel, OutputDirectory = folder, Lr = -1 });
        lr.Should().Throw<ArgumentException>().WithMessage("*learning rate must be positive*");

        var scenes = Path.Combine(folder, "scenes.safetensors");
        var config = new ResNetCamConfig { NumClasses = 10, InChannels = 3, StemChannels = 4, Widths = [4, 8], Blocks = [1, 1], Strides = [1, 2] };
        using (var model = new ResNetCam(config))
            ModelFile.Save(scenes, model, new Dictionary<string, string>(config.ToMetadata()) { ["train.task"] = "fashion-scenes" });
        var wrongTask = () => FineTuner.Run(new FreezingRecipe(), Options(scenes, Path.Combine(folder, "x")));
        wrongTask.Should().Throw<ArgumentException>().WithMessage("*task 'fashion-scenes'*single-label classifiers (fashion-mnist)*");
    }

    [Test]
    public void Stage_modules_map_stages_to_the_model_parts()
    {
        using var model = new ResNetCam(new ResNetCamConfig { NumClasses = 3, InChannels = 1, StemChannels = 4, Widths = [4, 8], Blocks = [1, 1], Strides = [1, 2], StemMaxPool = true });
        StageModules.Of(model, ["stem", "layer1"]).Should().Equal("conv1", "bn1", "relu", "maxpool", "layer1");
        var act = () => StageModules.Of(model, ["layer9"]);
        act.Should().Throw<ArgumentException>().WithMessage("*'layer9' is not a stage*stem, layer1, layer2*");
    }

    /// <summary>Freezes stem and layer1; the loss is the cross-entropy times <c>scale</c>; records what it saw.</summary>
    private sealed class FreezingRecipe() : PluginBase("test-freeze", "test recipe",
        new PluginParameter("scale", "loss scale", "1", PluginValueKind.Real)), IFineTuningRecipe
    {
        public int Steps { get; private set; }

        public List<long> Seeds { get; } = [];

        public bool SawImagesInUnitRange { get; private set; } = true;

        public IReadOnlyList<string> FrozenStages(ICamClassifier model) => ["stem", "layer1"];

        public Tensor Loss(FineTuningStep step)
        {
            Steps++;
            Seeds.Add(step.Seed);
            using var scope = torch.NewDisposeScope();
            SawImagesInUnitRange &= step.Images.min().item<float>() >= 0 && step.Images.max().item<float>() <= 1;
            var loss = F.cross_entropy(step.Model.forward(step.Images), step.Labels) * GetReal("scale");
            return scope.MoveToOuter(loss);
        }
    }
}
