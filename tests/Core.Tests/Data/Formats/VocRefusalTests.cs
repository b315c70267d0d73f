using AdvCam.Core.Data.Formats;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Tests.Data.Formats;

public class VocRefusalTests
{
    /// <summary>A valid split "s" of entries "a" and "b" (4x5 images, masks of indices 0..2) in a fresh folder.</summary>
    private static TempFolder ValidSet()
    {
        using var scope = torch.NewDisposeScope();
        var folder = new TempFolder();
        var mask = torch.randint(0, 3, [4, 5], new Generator(1));
        VocWriter.Write(folder.Path, "s", [("a", torch.rand(3, 4, 5), mask), ("b", torch.rand(3, 4, 5), mask)]);
        return folder;
    }

    private static void List(TempFolder folder, params string[] ids) =>
        File.WriteAllLines(folder["ImageSets/Segmentation/s.txt"], ids);

    [TestCase("../a", "*'../a'*line 2*'..'*")]
    [TestCase("x/a", "*'x/a'*separator*")]
    [TestCase(@"x\a", @"*'x\a'*separator*")]
    [TestCase("/etc/passwd", "*'/etc/passwd'*")]
    [TestCase("a..b", "*'a..b'*'..'*")]
    public void Unsafe_ids_in_the_list_are_refused_naming_the_line(string id, string message)
    {
        using var folder = ValidSet();
        List(folder, "a", id);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage(message).WithMessage("*s.txt*");
    }

    [Test]
    public void A_repeated_id_is_refused()
    {
        using var folder = ValidSet();
        List(folder, "a", "b", "a");
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage("*'a' (line 3*repeats*line 1*");
    }

    [Test]
    public void An_image_linked_outside_the_root_is_refused()
    {
        using var folder = ValidSet();
        using var outside = new TempFolder();
        File.Move(folder["JPEGImages/b.png"], outside["b.png"]);
        File.CreateSymbolicLink(folder["JPEGImages/b.png"], outside["b.png"]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage("*'b'*outside the root*");
    }

    [Test]
    public void A_mask_folder_linked_outside_the_root_is_refused_but_a_link_inside_is_fine()
    {
        using var folder = ValidSet();
        using var outside = new TempFolder();
        Directory.Move(folder["SegmentationClass"], outside["masks"]);
        Directory.CreateSymbolicLink(folder["SegmentationClass"], outside["masks"]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage("*'a'*resolves to*outside the root*");

        Directory.Delete(folder["SegmentationClass"]);
        Directory.Move(outside["masks"], folder["real-masks"]);
        Directory.CreateSymbolicLink(folder["SegmentationClass"], "real-masks");
        VocDataset.Open(folder.Path, "s").Count.Should().Be(2);
    }

    [Test]
    public void A_missing_image_or_mask_is_refused_naming_the_entry()
    {
        using var folder = ValidSet();
        File.Delete(folder["SegmentationClass/b.png"]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<FileNotFoundException>().WithMessage("*'b' (line 2*no mask*SegmentationClass/b.png*");
        File.Delete(folder["JPEGImages/a.png"]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<FileNotFoundException>().WithMessage("*'a' (line 1*no image*a.jpg, a.jpeg, a.png*");
    }

    [Test]
    public void Two_images_of_one_id_are_refused()
    {
        using var folder = ValidSet();
        File.Copy(folder["JPEGImages/a.png"], folder["JPEGImages/a.jpg"]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage("*'a'*several images: a.jpg, a.png*");
    }

    [Test]
    public void An_empty_or_missing_list_is_refused()
    {
        using var folder = ValidSet();
        List(folder, "", "  ");
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s"))
            .Should().Throw<InvalidDataException>().WithMessage("*s.txt*lists no ids*");
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "other"))
            .Should().Throw<FileNotFoundException>().WithMessage("*'other'*other.txt*");
        FluentActions.Invoking(() => VocDataset.Open(folder["nowhere"], "s"))
            .Should().Throw<DirectoryNotFoundException>().WithMessage("*nowhere*");
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "../s"))
            .Should().Throw<ArgumentException>().WithMessage("*'../s'*");
    }

    [Test]
    public void Image_and_mask_of_different_sizes_are_refused_on_load()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = ValidSet();
        TorchImage.SavePng(folder["JPEGImages/b.png"], torch.zeros([4, 6, 3], ScalarType.Byte));
        var voc = VocDataset.Open(folder.Path, "s");
        FluentActions.Invoking(() => voc.Load(1))
            .Should().Throw<InvalidDataException>().WithMessage("*'b'*b.png' is 6x4*mask*b.png' is 5x4*");
        FluentActions.Invoking(() => voc.LoadBatch(0, 2)).Should().Throw<InvalidDataException>().WithMessage("*'b'*");
    }

    [Test]
    public void Mask_values_beyond_the_class_count_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = ValidSet();
        var mask = torch.zeros([4, 5], ScalarType.Int64);
        mask.select(0, 2).select(0, 3).fill_(21);
        mask.select(0, 0).fill_(255);
        VocWriter.Write(folder.Path, "t", [("c", torch.rand(3, 4, 5), mask)]);
        VocDataset.Open(folder.Path, "t", 22).LoadMask(0).equal(mask).Should().BeTrue();
        VocDataset.Open(folder.Path, "t").LoadMask(0).equal(mask).Should().BeTrue();
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "t", 21).LoadMask(0))
            .Should().Throw<InvalidDataException>().WithMessage("*'c'*SegmentationClass/c.png*index 21 at row 2, column 3*0..20 and 255*");
    }

    [Test]
    public void A_colour_outside_the_colormap_is_refused_naming_file_and_colour()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = ValidSet();
        var rgb = torch.zeros([4, 5, 3], ScalarType.Byte);
        rgb.select(0, 1).select(0, 2).fill_(7);
        TorchImage.SavePng(folder["SegmentationClass/a.png"], rgb);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s").LoadMask(0))
            .Should().Throw<InvalidDataException>().WithMessage("*'a'*SegmentationClass/a.png*colour (7, 7, 7) at row 1, column 2*not in the VOC colormap*");
    }

    [Test]
    public void An_undecodable_image_is_refused_naming_the_entry_and_file()
    {
        using var folder = ValidSet();
        File.WriteAllBytes(folder["JPEGImages/a.png"], [1, 2, 3]);
        FluentActions.Invoking(() => VocDataset.Open(folder.Path, "s").LoadImage(0))
            .Should().Throw<InvalidDataException>().WithMessage("*'a'*JPEGImages/a.png*");
    }

    [Test]
    public void The_writer_refuses_bad_entries()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        var image = torch.rand(3, 4, 5);
        var mask = torch.zeros([4, 5], ScalarType.Int64);
        void Refused(string id, Tensor i, Tensor m, string message) =>
            FluentActions.Invoking(() => VocWriter.Write(folder.Path, "s", [(id, i, m)]))
                .Should().Throw<ArgumentException>().WithMessage(message);
        Refused("../x", image, mask, "*'../x'*'..'*");
        Refused("a/b", image, mask, "*'a/b'*separator*");
        Refused("/abs", image, mask, "*'/abs'*");
        Refused("x", image, torch.zeros([4, 6], ScalarType.Int64), "*'x'*differ in size*");
        Refused("x", torch.zeros([4, 5, 3], ScalarType.Byte), mask, "*'x'*float [3, H, W]*");
        Refused("x", image, torch.zeros([4, 5]), "*'x'*integer [H, W]*");
        Refused("x", image, torch.full([4, 5], 256, ScalarType.Int64), "*'x'*index 256 at row 0, column 0*");
        FluentActions.Invoking(() => VocWriter.Write(folder.Path, "s", [("x", image, mask), ("x", image, mask)]))
            .Should().Throw<ArgumentException>().WithMessage("*entry 1 ('x') repeats*");
        FluentActions.Invoking(() => VocWriter.Write(folder.Path, "a/s", [("x", image, mask)]))
            .Should().Throw<ArgumentException>().WithMessage("*split name 'a/s'*");
        File.Exists(folder["ImageSets/Segmentation/s.txt"]).Should().BeFalse("no list is written when an entry fails");

        File.WriteAllBytes(folder["JPEGImages/y.jpg"], [0]);
        FluentActions.Invoking(() => VocWriter.Write(folder.Path, "s", [("y", image, mask)]))
            .Should().Throw<IOException>().WithMessage("*y.jpg' exists*ambiguous*");
    }
}
