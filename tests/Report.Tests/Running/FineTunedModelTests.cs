using AdvCam.Core.Models;
using AdvCam.Report.Running;

namespace AdvCam.Report.Tests.Running;

public class FineTunedModelTests
{
    [Test]
    public void The_shipped_fine_tuned_versions_of_fashion_mnist_are_found_by_their_cards()
    {
        var found = FineTunedModel.FindIn(ShippedModels.Directory(), ShippedModels.FashionMnist);
        found.Select(f => (f.Name, f.Recipe)).Should().Equal(("fashion-mnist-advbn", "advbn-finetune"), ("fashion-mnist-blur-mix", "blur-mix"));
        found.Should().OnlyContain(f => File.Exists(Path.Combine(f.Folder, TrainedModel.FileName)) && f.BaseModel.EndsWith("fashion-mnist/model.safetensors", StringComparison.Ordinal));
        FineTunedModel.FindIn(ShippedModels.Directory(), ShippedModels.FashionScenes).Should().BeEmpty("nothing is fine-tuned from the scenes model");
    }

    [Test]
    public void Only_models_whose_card_names_a_recipe_the_same_task_and_this_base_are_found()
    {
        var root = Directory.CreateTempSubdirectory("advcam-ft-").FullName;
        try
        {
            void Model(string name, string card)
            {
                Directory.CreateDirectory(Path.Combine(root, name));
                File.WriteAllText(Path.Combine(root, name, TrainedModel.FileName), "weights");
                File.WriteAllText(Path.Combine(root, name, "model.json"), card);
            }
            Model("base", """{ "task": "fashion-mnist", "model": {} }""");
            // Fine-tuned elsewhere from a folder of the same name: the card keeps that checkout's path.
            Model("a-tuned", """{ "task": "fashion-mnist", "model": { "finetune.recipe": "blur-mix", "finetune.base_model": "/other/checkout/base/model.safetensors" } }""");
            // Only the card's fine_tuning object, with this folder's path.
            Model("b-tuned", $$"""{ "task": "fashion-mnist", "fine_tuning": { "recipe": "advbn-finetune", "base_model": "{{Path.Combine(root, "base", "model.safetensors").Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""");
            Model("c-other-task", """{ "task": "fashion-scenes", "model": { "finetune.recipe": "blur-mix", "finetune.base_model": "/x/base/model.safetensors" } }""");
            Model("d-other-base", """{ "task": "fashion-mnist", "model": { "finetune.recipe": "blur-mix", "finetune.base_model": "/x/elsewhere/model.safetensors" } }""");
            Model("e-trained", """{ "task": "fashion-mnist", "model": {} }""");
            Model("f-broken", "{ not json");
            Directory.CreateDirectory(Path.Combine(root, "g-no-model"));
            File.WriteAllText(Path.Combine(root, "g-no-model", "model.json"), """{ "task": "fashion-mnist", "model": { "finetune.recipe": "x", "finetune.base_model": "/x/base/model.safetensors" } }""");

            var log = new StringWriter();
            var found = FineTunedModel.FindIn(root, "base", log);
            found.Select(f => (f.Name, f.Recipe)).Should().Equal(("a-tuned", "blur-mix"), ("b-tuned", "advbn-finetune"));
            found[0].Folder.Should().Be(Path.Combine(root, "a-tuned"));
            log.ToString().Should().Contain("f-broken").And.Contain("not read");
            FineTunedModel.FindIn(root, "missing").Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
