using AdvCam.Core.Data;

namespace AdvCam.Core.Tests.Data;

public class FashionMnistTests
{
    [Test]
    public void Reads_the_Debian_train_split()
    {
        using var scope = torch.NewDisposeScope();
        var train = FashionMnistFiles.Train;

        train.Split.Should().Be(FashionMnistSplit.Train);
        train.Count.Should().Be(60000);
        train.Pixels.Length.Should().Be(60000 * 28 * 28);
        // The first items of the file (checked with Python's gzip module): Ankle boot, T-shirt/top, T-shirt/top, Dress.
        new[] { train.Label(0), train.Label(1), train.Label(2), train.Label(3) }.Should().Equal(9, 0, 0, 3);
        FashionMnist.ClassNames[train.Label(0)].Should().Be("Ankle boot");
        train.Image(0).ToArray().Sum(b => (long)b).Should().Be(76247);
        Enumerable.Range(0, 10).Select(c => train.IndicesOfClass(c).Count).Should().AllBeEquivalentTo(6000);
    }

    [Test]
    public void Reads_the_Debian_test_split()
    {
        using var scope = torch.NewDisposeScope();
        var test = FashionMnistFiles.Test;

        test.Split.Should().Be(FashionMnistSplit.Test);
        test.Count.Should().Be(10000);
        new[] { test.Label(0), test.Label(1), test.Label(2), test.Label(3) }.Should().Equal(9, 2, 1, 1);
        test.Image(0).ToArray().Sum(b => (long)b).Should().Be(33456);
        Enumerable.Range(0, 10).Select(c => test.IndicesOfClass(c).Count).Should().AllBeEquivalentTo(1000);
    }

    [Test]
    public void Class_names_follow_the_labels()
    {
        using var scope = torch.NewDisposeScope();
        FashionMnist.ClassNames.Should().Equal(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    [Test]
    public void Batches_are_float_images_in_0_1_and_int64_labels()
    {
        var before = FashionMnistFiles.SettledLiveCount();
        using (var scope = torch.NewDisposeScope())
        {
            var test = FashionMnistFiles.Test;
            int[] indices = [5, 0, 9999];
            var images = test.ImageBatch(indices);
            var labels = test.LabelBatch(indices);

            images.shape.Should().Equal(3, 1, 28, 28);
            images.dtype.Should().Be(ScalarType.Float32);
            var values = images.ToArray<float>();
            for (var b = 0; b < indices.Length; b++)
            {
                var bytes = test.Image(indices[b]);
                for (var p = 0; p < 784; p++) values[b * 784 + p].Should().Be(bytes[p] / 255f);
            }
            labels.dtype.Should().Be(ScalarType.Int64);
            labels.ToArray<long>().Should().Equal(indices.Select(i => (long)test.Label(i)));
        }
        Tensor.LiveCount.Should().Be(before);
    }

    [Test]
    public void Out_of_range_items_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var test = FashionMnistFiles.Test;
        FluentActions.Invoking(() => test.Label(10000)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => test.ImageBatch([-1])).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => test.IndicesOfClass(10)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
