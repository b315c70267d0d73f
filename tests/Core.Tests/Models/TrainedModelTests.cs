using AdvCam.Core.Models;
using AdvCam.Torch.IO;

namespace AdvCam.Core.Tests.Models;

public class TrainedModelTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-trained-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static ResNetCamConfig TinyCam => new() { NumClasses = 4, StemChannels = 8, Widths = [8, 16], Blocks = [1, 1], Strides = [1, 2] };

    private static SegmentationNetConfig TinySeg => new() { NumClasses = 3, Widths = [4, 8, 8, 8], AsppChannels = 8 };

    [Test]
    public void A_resnet_cam_file_loads_into_the_model_its_metadata_describes_and_gives_the_same_logits()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var original = new ResNetCam(TinyCam);
        original.eval();
        var path = Path.Combine(folder, TrainedModel.FileName);
        ModelFile.Save(path, original, new Dictionary<string, string>(TinyCam.ToMetadata()) { ["train.task"] = "fashion-scenes" });

        using var loaded = TrainedModel.Load(folder);
        loaded.Task.Should().Be("fashion-scenes");
        loaded.Path.Should().Be(path);
        loaded.CamClassifier.Should().NotBeNull();
        var x = torch.randn([2, 3, 16, 16]);
        loaded.Model.forward(x).equal(original.forward(x)).Should().BeTrue();
    }

    [Test]
    public void A_segmentation_net_file_loads_as_a_segmentation_net()
    {
        using var scope = torch.NewDisposeScope();
        using var original = new SegmentationNet(TinySeg);
        var path = Path.Combine(folder, "seg.safetensors");
        ModelFile.Save(path, original, TinySeg.ToMetadata());
        using var loaded = TrainedModel.Load(path);
        loaded.Model.Should().BeOfType<SegmentationNet>();
        loaded.CamClassifier.Should().BeNull();
        loaded.Task.Should().BeNull();
    }

    [Test]
    public void A_file_without_a_model_description_is_refused_naming_the_file()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(TinyCam);
        var path = Path.Combine(folder, "bare.safetensors");
        ModelFile.Save(path, model);
        FluentActions.Invoking(() => TrainedModel.Load(path)).Should().Throw<InvalidDataException>()
            .WithMessage($"*'{path}'*which model*");
    }

    [Test]
    public void Weights_that_do_not_fit_the_described_model_are_refused_naming_the_key()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ResNetCam(TinyCam);
        var path = Path.Combine(folder, "wide.safetensors");
        // The metadata claims 5 classes; the head in the file has 4 rows.
        ModelFile.Save(path, model, new Dictionary<string, string>(TinyCam.ToMetadata()) { ["ResNetCam.NumClasses"] = "5" });
        FluentActions.Invoking(() => TrainedModel.Load(path)).Should().Throw<InvalidDataException>().WithMessage("*fc.weight*");
    }

    [Test]
    public void A_missing_file_or_an_empty_folder_is_a_file_not_found_naming_it()
    {
        FluentActions.Invoking(() => TrainedModel.Load(Path.Combine(folder, "none.safetensors"))).Should().Throw<FileNotFoundException>().WithMessage("*none.safetensors*");
        FluentActions.Invoking(() => TrainedModel.Load(folder)).Should().Throw<FileNotFoundException>().WithMessage($"*'{folder}'*");
    }
}
