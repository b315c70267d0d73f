using AdvCam.Core.Data;
using AdvCam.Core.Data.Formats;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Tests.Data.Formats;

public class VocRoundTripTests
{
    private static FashionScenes Scenes() => new(FashionMnistFiles.Train, 0, 100);

    [Test]
    public void FashionScenes_exported_read_back_through_VocDataset()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        var scenes = Scenes();
        var ids = FashionScenesVoc.Export(scenes, folder.Path, "train", count: 5);
        ids.Should().Equal(Enumerable.Range(0, 5).Select(i => $"train_s0_{i:D6}"));
        File.Exists(folder["JPEGImages/train_s0_000000.png"]).Should().BeTrue();
        File.Exists(folder["SegmentationClass/train_s0_000000.png"]).Should().BeTrue();
        File.ReadAllText(folder["ImageSets/Segmentation/train.txt"]).Should().Be(string.Join("", ids.Select(i => i + "\n")));
        Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();

        var voc = VocDataset.Open(folder.Path, "train", FashionScenesVoc.ClassCount);
        voc.Count.Should().Be(5);
        voc.Ids.Should().Equal(ids);
        var expected = scenes.GenerateBatch(0, 5);
        var (images, masks) = voc.LoadBatch(0, 5);
        images.shape.Should().Equal(5, 3, 64, 64);
        images.dtype.Should().Be(ScalarType.Float32);
        masks.shape.Should().Equal(5, 64, 64);
        masks.dtype.Should().Be(ScalarType.Int64);
        masks.equal(expected.Masks).Should().BeTrue();
        (images - expected.Images).abs().max().ToDouble().Should().BeLessThanOrEqualTo(0.5 / 255 + 1e-6);
        // Exactly the 8-bit quantisation of the generated image.
        images.equal(TorchImage.ToFloatChw(TorchImage.FromFloatChw(expected.Images))).Should().BeTrue();
        FashionScenesVoc.LabelsFromMasks(masks).equal(expected.Labels).Should().BeTrue();
        FashionScenesVoc.LabelsFromMasks(voc.LoadMask(3)).equal(expected.Labels.select(0, 3)).Should().BeTrue();
    }

    [Test]
    public void Exported_masks_are_palette_pngs_that_PIL_reads_as_indices()
    {
        Assume.That(PalettePngTests.PilAvailable(), "Debian's python3 with PIL is not installed");
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        var scenes = Scenes();
        FashionScenesVoc.Export(scenes, folder.Path, "val", count: 1);
        var path = folder["SegmentationClass/train_s0_000000.png"];
        const string script = "import sys; from PIL import Image; im = Image.open(sys.argv[1]); "
            + "print(im.mode); print(' '.join(str(v) for v in im.getdata()))";
        var lines = PalettePngTests.RunPython(script, path).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("P");
        lines[1].Split(' ').Select(long.Parse).Should().Equal(scenes.Generate(0).Masks.ToArray<long>());
    }

    [Test]
    public void Two_splits_share_one_root()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        FashionScenesVoc.Export(new FashionScenes(FashionMnistFiles.Train, 0, 3), folder.Path, "train");
        FashionScenesVoc.Export(new FashionScenes(FashionMnistFiles.Test, 1, 2), folder.Path, "val");
        VocDataset.Open(folder.Path, "train").Ids.Should().Equal("train_s0_000000", "train_s0_000001", "train_s0_000002");
        var val = VocDataset.Open(folder.Path, "val");
        val.Ids.Should().Equal("test_s1_000000", "test_s1_000001");
        val.LoadMask(1).equal(new FashionScenes(FashionMnistFiles.Test, 1, 2).Generate(1).Masks.squeeze(0)).Should().BeTrue();
    }

    [Test]
    public void Written_entries_round_trip_with_ignore_and_odd_sizes()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        var g = new Generator(5);
        var image = torch.rand([3, 7, 11], g);
        var mask = torch.randint(0, 21, [7, 11], g);
        mask.select(0, 0).fill_(255);
        var grey = torch.rand([1, 4, 3], g);
        var greyMask = torch.zeros([4, 3], ScalarType.Int32);
        VocWriter.Write(folder.Path, "mixed", [("a", image, mask), ("b", grey, greyMask)]).Should().Equal("a", "b");
        var voc = VocDataset.Open(folder.Path, "mixed", 21);
        var (backImage, backMask) = voc.Load(0);
        backMask.equal(mask).Should().BeTrue();
        backImage.equal(TorchImage.ToFloatChw(TorchImage.FromFloatChw(image))).Should().BeTrue();
        var backGrey = voc.LoadImage(1);
        backGrey.shape.Should().Equal(3, 4, 3);
        backGrey.select(0, 0).equal(backGrey.select(0, 2)).Should().BeTrue();
    }

    [Test]
    public void Jpeg_images_and_grey_masks_are_read()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["JPEGImages"]);
        Directory.CreateDirectory(folder["SegmentationClass"]);
        Directory.CreateDirectory(folder["ImageSets/Segmentation"]);
        // A PNG under a .JPG name: stb decodes by content, the reader finds it by extension.
        var pixels = torch.full([6, 4, 3], 200, ScalarType.Byte);
        TorchImage.SavePng(folder["JPEGImages/x.JPG"], pixels);
        var greyIndices = torch.tensor(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, [6, 4, 1]);
        TorchImage.SavePng(folder["SegmentationClass/x.png"], greyIndices);
        File.WriteAllText(folder["ImageSets/Segmentation/s.txt"], "\n  x  \n\n");
        var voc = VocDataset.Open(folder.Path, "s", 11);
        voc.Ids.Should().Equal("x");
        var (image, mask) = voc.Load(0);
        image.shape.Should().Equal(3, 6, 4);
        mask.ToArray<long>().Should().Equal(greyIndices.to(ScalarType.Int64).flatten().ToArray<long>());
    }

    [Test]
    public void Low_bit_grey_masks_give_their_raw_values_and_16_bit_grey_is_refused()
    {
        Assume.That(PalettePngTests.PilAvailable(), "Debian's python3 with PIL is not installed");
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        VocWriter.Write(folder.Path, "s", [("a", torch.rand(3, 2, 4), torch.zeros([2, 4], ScalarType.Int64))]);
        var path = folder["SegmentationClass/a.png"];
        PalettePngTests.RunPython("import sys; from PIL import Image; Image.frombytes('1', (4, 2), bytes([0b10100000, 0b01100000])).save(sys.argv[1])", path);
        VocDataset.Open(folder.Path, "s", 2).LoadMask(0).ToArray<long>().Should().Equal(1, 0, 1, 0, 0, 1, 1, 0);
        PalettePngTests.RunPython("import sys; from PIL import Image; Image.new('I;16', (4, 2), 3).save(sys.argv[1])", path);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s").LoadMask(0))
            .Should().Throw<InvalidDataException>().WithMessage("*'a'*a.png' is a 16-bit grey PNG*");
    }

    [Test]
    public void Export_and_load_leave_no_tensor_behind()
    {
        using var folder = new TempFolder();
        var before = FashionMnistFiles.SettledLiveCount();
        using (var scope = torch.NewDisposeScope())
        {
            FashionScenesVoc.Export(Scenes(), folder.Path, "s", count: 2);
            var voc = VocDataset.Open(folder.Path, "s", FashionScenesVoc.ClassCount);
            voc.LoadBatch(0, 2);
            voc.Load(1);
            FashionScenesVoc.LabelsFromMasks(voc.LoadMask(0));
        }
        FashionMnistFiles.SettledLiveCount().Should().Be(before);
    }
}
