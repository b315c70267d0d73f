using System.Buffers.Binary;
using System.IO.Compression;
using AdvCam.Core.Data;

namespace AdvCam.Core.Tests.Data;

/// <summary>Tiny hand-made IDX files: the good ones load, every kind of damage is refused naming the file.</summary>
public class FashionMnistFileCheckTests
{
    private const string Images = "t10k-images-idx3-ubyte.gz";
    private const string Labels = "t10k-labels-idx1-ubyte.gz";
    private string dir = "";

    [SetUp]
    public void CreateFolder() => dir = Directory.CreateTempSubdirectory("advcam-fmnist-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(dir, recursive: true);

    private static byte[] Idx(int magic, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (var d = 0; d < sizes.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), sizes[d]);
        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return memory.ToArray();
    }

    private static byte[] ImageData(int count) => Enumerable.Range(0, count * 784).Select(i => (byte)(i * 7)).ToArray();

    private void Write(string name, byte[] raw, bool gzip = true) => File.WriteAllBytes(Path.Combine(dir, name), gzip ? Gzip(raw) : raw);

    private void WriteGood(int count = 3, byte[]? labels = null)
    {
        Write(Images, Idx(0x803, [count, 28, 28], ImageData(count)));
        Write(Labels, Idx(0x801, [count], labels ?? Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray()));
    }

    private void ShouldRefuse(string file, string problem)
    {
        using var scope = torch.NewDisposeScope();
        FluentActions.Invoking(() => FashionMnist.Load(FashionMnistSplit.Test, dir))
            .Should().Throw<InvalidDataException>()
            .WithMessage($"*{Path.Combine(dir, file)}*{problem}*");
    }

    [Test]
    public void A_consistent_file_pair_of_any_count_loads()
    {
        using var scope = torch.NewDisposeScope();
        WriteGood(count: 3, labels: [4, 0, 9]);
        var data = FashionMnist.Load(FashionMnistSplit.Test, dir);
        data.Count.Should().Be(3);
        data.Directory.Should().Be(dir);
        data.Labels.ToArray().Should().Equal(4, 0, 9);
        data.Image(2).ToArray().Should().Equal(ImageData(3).Skip(2 * 784));
        data.IndicesOfClass(9).Should().Equal(2);
    }

    [Test]
    public void The_environment_variable_picks_the_folder_when_no_argument_is_given()
    {
        using var scope = torch.NewDisposeScope();
        WriteGood(count: 2);
        var old = Environment.GetEnvironmentVariable(FashionMnist.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(FashionMnist.DirectoryVariable, dir);
            FashionMnist.ResolveDirectory().Should().Be(dir);
            FashionMnist.Load(FashionMnistSplit.Test).Count.Should().Be(2);
            FashionMnist.ResolveDirectory("/elsewhere").Should().Be("/elsewhere");
            Environment.SetEnvironmentVariable(FashionMnist.DirectoryVariable, null);
            FashionMnist.ResolveDirectory().Should().Be(FashionMnist.DebianDirectory);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FashionMnist.DirectoryVariable, old);
        }
    }

    [Test]
    public void A_missing_folder_names_the_Debian_package()
    {
        using var scope = torch.NewDisposeScope();
        var missing = Path.Combine(dir, "nowhere");
        FluentActions.Invoking(() => FashionMnist.Load(FashionMnistSplit.Train, missing))
            .Should().Throw<DirectoryNotFoundException>()
            .WithMessage($"*{missing}*dataset-fashion-mnist*ADVCAM_FASHION_MNIST_DIR*");
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var scope = torch.NewDisposeScope();
        Write(Images, Idx(0x803, [1, 28, 28], ImageData(1)));
        FluentActions.Invoking(() => FashionMnist.Load(FashionMnistSplit.Test, dir))
            .Should().Throw<FileNotFoundException>().WithMessage($"*{Path.Combine(dir, Labels)}*");
    }

    [Test]
    public void Wrong_magic_is_refused()
    {
        WriteGood();
        Write(Images, Idx(0x801, [3, 28, 28], ImageData(3)));
        ShouldRefuse(Images, "magic number 0x00000801, expected 0x00000803");
    }

    [Test]
    public void Wrong_label_magic_is_refused()
    {
        WriteGood();
        Write(Labels, Idx(0x803, [3], [0, 1, 2]));
        ShouldRefuse(Labels, "magic");
    }

    [Test]
    public void Truncated_data_is_refused()
    {
        WriteGood();
        Write(Images, Idx(0x803, [3, 28, 28], ImageData(2)));
        ShouldRefuse(Images, "truncated");
    }

    [Test]
    public void A_truncated_header_is_refused()
    {
        WriteGood();
        Write(Labels, Idx(0x801, [3], []).Take(6).ToArray());
        ShouldRefuse(Labels, "truncated header");
    }

    [Test]
    public void Trailing_data_is_refused()
    {
        WriteGood();
        Write(Labels, Idx(0x801, [3], [0, 1, 2, 3]));
        ShouldRefuse(Labels, "trailing data");
    }

    [Test]
    public void Image_and_label_counts_must_agree()
    {
        WriteGood(count: 3);
        Write(Labels, Idx(0x801, [2], [0, 1]));
        ShouldRefuse(Labels, "2 labels*3 images");
    }

    [Test]
    public void Labels_must_be_0_to_9()
    {
        WriteGood(count: 3, labels: [0, 10, 2]);
        ShouldRefuse(Labels, "label 10 of item 1");
    }

    [Test]
    public void Images_must_be_28_by_28()
    {
        WriteGood();
        Write(Images, Idx(0x803, [3, 27, 27], new byte[3 * 27 * 27]));
        ShouldRefuse(Images, "27x27");
    }

    [Test]
    public void A_negative_count_is_refused()
    {
        WriteGood();
        Write(Labels, Idx(0x801, [-3], [0, 1, 2]));
        ShouldRefuse(Labels, "size -3");
    }

    [Test]
    public void An_uncompressed_file_is_refused()
    {
        WriteGood();
        Write(Images, Idx(0x803, [3, 28, 28], ImageData(3)), gzip: false);
        ShouldRefuse(Images, "not a gzip file");
    }

    [Test]
    public void A_cut_gzip_stream_is_refused()
    {
        WriteGood();
        var gz = Gzip(Idx(0x803, [3, 28, 28], ImageData(3)));
        Write(Images, gz.Take(gz.Length / 2).ToArray(), gzip: false);
        ShouldRefuse(Images, "");
    }

    [Test]
    public void Corrupt_gzip_data_is_refused()
    {
        WriteGood();
        var gz = Gzip(Idx(0x803, [3, 28, 28], ImageData(3)));
        for (var i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        Write(Images, gz, gzip: false);
        ShouldRefuse(Images, "");
    }
}
