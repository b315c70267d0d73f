using AdvCam.Core.Data.Formats;
using TorchImage = AdvCam.Torch.IO.Image;

namespace AdvCam.Core.Tests.Data.Formats;

public class ImageFolderDatasetTests
{
    /// <summary>Writes an RGB PNG of height <paramref name="h"/>, width 3, filled with <paramref name="value"/>.</summary>
    private static void Png(string path, int value, int h = 2)
    {
        using var scope = torch.NewDisposeScope();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        TorchImage.SavePng(path, torch.full([h, 3, 3], value, ScalarType.Byte));
    }

    [Test]
    public void A_tree_reads_back_with_sorted_classes_and_labels()
    {
        using var scope = torch.NewDisposeScope();
        using var folder = new TempFolder();
        Png(folder["dog/b.png"], 10);
        Png(folder["dog/A.PNG"], 20);
        Png(folder["dog/sub/a.png"], 30);
        Png(folder["cat/z.jpg"], 40); // a PNG under a .jpg name: stb decodes by content
        Png(folder["Zebra/x.bmp"], 50, h: 4);
        File.WriteAllText(folder["cat/notes.txt"], "not an image");
        var data = ImageFolderDataset.Open(folder.Path);
        data.Classes.Should().Equal("Zebra", "cat", "dog");
        data.Count.Should().Be(5);
        data.Samples.Select(s => Path.GetRelativePath(folder.Path, s.Path)).Should().Equal(
            "Zebra/x.bmp", "cat/z.jpg", "dog/A.PNG", "dog/b.png", "dog/sub/a.png");
        data.Samples.Select(s => s.Label).Should().Equal(0, 1, 2, 2, 2);
        var (image, label) = data.Load(3);
        label.Should().Be(2);
        image.shape.Should().Equal(3, 2, 3);
        image.dtype.Should().Be(ScalarType.Float32);
        image.allclose(torch.full([3, 2, 3], 10 / 255.0)).Should().BeTrue();
        data.Load(0).Image.shape.Should().Equal(3, 4, 3);
        ImageFolderDataset.Open(folder.Path, channels: 1).Load(4).Image.shape.Should().Equal(1, 2, 3);
    }

    [Test]
    public void Links_inside_the_root_are_followed_once()
    {
        using var folder = new TempFolder();
        Png(folder["a/x.png"], 1);
        Png(folder["data/y.png"], 2);
        Directory.CreateSymbolicLink(folder["b"], "data");
        Directory.CreateSymbolicLink(folder["data/loop"], ".");
        File.CreateSymbolicLink(folder["a/link.png"], "../data/y.png");
        var data = ImageFolderDataset.Open(folder.Path);
        data.Classes.Should().Equal("a", "b", "data");
        data.Samples.Select(s => Path.GetRelativePath(folder.Path, s.Path)).Should().Equal("a/link.png", "a/x.png", "b/y.png", "data/y.png");
    }

    [Test]
    public void A_link_to_the_root_itself_is_refused()
    {
        using var folder = new TempFolder();
        Png(folder["a/x.png"], 1);
        Directory.CreateSymbolicLink(folder["a/root"], "..");
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path))
            .Should().Throw<InvalidDataException>().WithMessage("*a/root' resolves to the root*itself*");
    }

    [Test]
    public void A_missing_root_or_a_root_without_classes_is_refused()
    {
        using var folder = new TempFolder();
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder["none"])).Should().Throw<DirectoryNotFoundException>().WithMessage("*none*");
        File.WriteAllText(folder["loose.png"], "x");
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path)).Should().Throw<InvalidDataException>().WithMessage("*no class folders*");
    }

    [Test]
    public void An_empty_class_folder_is_refused_by_name()
    {
        using var folder = new TempFolder();
        Png(folder["a/x.png"], 1);
        Directory.CreateDirectory(folder["empty/sub"]);
        File.WriteAllText(folder["empty/readme.txt"], "");
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path))
            .Should().Throw<InvalidDataException>().WithMessage("*class 'empty'*no images*");
    }

    [Test]
    public void Links_that_resolve_outside_the_root_are_refused()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        Png(folder["a/x.png"], 1);
        Png(outside["y.png"], 2);
        File.CreateSymbolicLink(folder["a/y.png"], outside["y.png"]);
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path))
            .Should().Throw<InvalidDataException>().WithMessage("*a/y.png' resolves to*outside the root*");
        File.Delete(folder["a/y.png"]);
        Directory.CreateSymbolicLink(folder["b"], outside.Path);
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path))
            .Should().Throw<InvalidDataException>().WithMessage("*/b' resolves to*outside the root*");
        Directory.Delete(folder["b"]);
        Directory.CreateSymbolicLink(folder["a/up"], "../..");
        FluentActions.Invoking(() => ImageFolderDataset.Open(folder.Path))
            .Should().Throw<InvalidDataException>().WithMessage("*a/up' resolves to*outside the root*");
    }

    [Test]
    public void An_undecodable_image_is_refused_on_load_naming_the_file()
    {
        using var folder = new TempFolder();
        Png(folder["a/good.png"], 1);
        File.WriteAllText(folder["a/bad.jpg"], "not a jpeg");
        var data = ImageFolderDataset.Open(folder.Path);
        FluentActions.Invoking(() => data.Load(0))
            .Should().Throw<InvalidDataException>().WithMessage("*sample 0 (class 'a')*a/bad.jpg*");
        FluentActions.Invoking(() => data.Load(2)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
