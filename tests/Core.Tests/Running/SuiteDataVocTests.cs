using AdvCam.Core.Data;
using AdvCam.Core.Data.Formats;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

/// <summary>VOC-layout data as a suite's test data (<c>data.voc</c>): FashionScenes exported to VOC read back as the same scenes.</summary>
public class SuiteDataVocTests
{
    [Test]
    public void Exported_test_scenes_read_back_with_their_masks_labels_and_images_up_to_8_bit_rounding()
    {
        var root = Path.Combine(Path.GetTempPath(), "advcam-voc-suite-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenes = new FashionScenes(FashionMnist.Load(FashionMnistSplit.Test), FashionScenes.StandardTestSeed, 6);
            FashionScenesVoc.Export(scenes, root, "val");
            var voc = SuiteData.ForVoc("fashion-scenes", root, "val", testSubset: 5, batchSize: 5, workers: 0);
            var task = SuiteData.ForTask("fashion-scenes", testSubset: 5, batchSize: 5, workers: 0);
            voc.Count.Should().Be(5);
            voc.HasMasks.Should().BeTrue();
            voc.Mean.Should().Equal(task.Mean);
            voc.Description.Should().Contain("VOC split 'val'").And.Contain("the first 5 of 6 items");

            using var scope = torch.NewDisposeScope();
            using var fromVoc = voc.Source.GetBatch([0, 1, 2, 3, 4]);
            using var original = task.Source.GetBatch([0, 1, 2, 3, 4]);
            fromVoc.Masks!.equal(original.Masks!).Should().BeTrue();
            fromVoc.Targets.equal(original.Targets).Should().BeTrue();
            (fromVoc.Images - original.Images).abs().max().item<float>().Should().BeLessThanOrEqualTo(0.5f / 255 + 1e-6f);

            var other = () => SuiteData.ForVoc("fashion-mnist", root, "val");
            other.Should().Throw<ArgumentException>().WithMessage("*fashion-scenes, not 'fashion-mnist'*");
            var missing = () => SuiteData.ForVoc("fashion-scenes", root, "test");
            missing.Should().Throw<FileNotFoundException>().WithMessage("*split 'test'*");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void The_suite_file_names_voc_data_relative_to_itself_and_refuses_a_split_without_a_root()
    {
        var spec = SuiteSpec.Parse("""{ "model": "fashion-scenes", "data": { "voc": "voc/scenes", "voc_split": "train" } }""", "/suites/s.json");
        spec.Voc.Should().Be("voc/scenes");
        spec.VocSplit.Should().Be("train");
        spec.ResolveVocPath().Should().Be("/suites/voc/scenes");
        SuiteSpec.Parse("""{ "data": { "voc": "v" } }""").VocSplit.Should().Be("val");
        SuiteSpec.Parse("""{ "data": { "test_subset": 3 } }""").ResolveVocPath().Should().BeNull();

        var bad = () => SuiteSpec.Parse("""{ "data": { "voc_split": "val" } }""", "/suites/s.json");
        bad.Should().Throw<SuiteSpecException>().WithMessage("*$.data.voc_split*without \"voc\"*");
    }
}
