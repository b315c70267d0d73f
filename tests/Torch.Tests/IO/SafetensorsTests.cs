using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AdvCam.Torch.IO;

namespace AdvCam.Torch.Tests.IO;

/// <summary>Safetensors save/load: round trips, the exact bytes Python's safetensors writes, ordering, escaping.</summary>
public class SafetensorsTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "advcam-safetensors-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>
    /// {"a": F32 [2] = {1, 2}, "b": I64 [1] = {7}} with metadata {"format": "pt"}, written by hand: the 139-byte
    /// header JSON padded with 5 spaces to 144 (so 8 + 144 is a multiple of 8); I64 before F32 (larger dtypes first).
    /// </summary>
    private static byte[] HandBuiltFile()
    {
        const string json = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        json.Length.Should().Be(139);
        var bytes = new List<byte> { 144, 0, 0, 0, 0, 0, 0, 0 };
        bytes.AddRange(Encoding.ASCII.GetBytes(json + "     "));
        bytes.AddRange(new byte[] { 7, 0, 0, 0, 0, 0, 0, 0 });       // b: int64 7
        bytes.AddRange(new byte[] { 0x00, 0x00, 0x80, 0x3F });       // a[0]: 1.0f
        bytes.AddRange(new byte[] { 0x00, 0x00, 0x00, 0x40 });       // a[1]: 2.0f
        bytes.Count.Should().Be(8 + 144 + 16);
        return bytes.ToArray();
    }

    [Test]
    public void Serialize_writes_exactly_the_hand_built_bytes()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["a"] = torch.tensor(new float[] { 1, 2 }),
            ["b"] = torch.tensor(new long[] { 7 }),
        };
        var bytes = Safetensors.Serialize(tensors, new Dictionary<string, string> { ["format"] = "pt" });
        bytes.Should().Equal(HandBuiltFile());
    }

    [Test]
    public void Loading_the_hand_built_bytes_gives_the_tensors_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var (tensors, metadata) = Safetensors.LoadWithMetadata(HandBuiltFile());
        tensors.Keys.Should().BeEquivalentTo("a", "b");
        tensors["a"].dtype.Should().Be(ScalarType.Float32);
        tensors["a"].shape.Should().Equal(2);
        tensors["a"].ToArray<float>().Should().Equal(1f, 2f);
        tensors["b"].dtype.Should().Be(ScalarType.Int64);
        tensors["b"].shape.Should().Equal(1);
        tensors["b"].ToArray<long>().Should().Equal(7);
        metadata.Should().BeEquivalentTo(new Dictionary<string, string> { ["format"] = "pt" });
    }

    [Test]
    public void Round_trip_through_a_file_keeps_dtypes_shapes_values_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SampleTensors();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"\n\ttab" };
        var path = Path.Combine(folder, "model.safetensors");
        Safetensors.Save(path, tensors, metadata);

        var (loaded, loadedMetadata) = Safetensors.LoadWithMetadata(path);
        loadedMetadata.Should().BeEquivalentTo(metadata);
        ShouldMatch(loaded, tensors);
        Directory.GetFiles(folder).Should().ContainSingle("the temporary file is renamed onto the target");
    }

    [Test]
    public void Round_trip_through_bytes_and_streams_keeps_everything()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = SampleTensors();
        var bytes = Safetensors.Serialize(tensors);

        ShouldMatch(Safetensors.Load(bytes), tensors);
        using (var seekable = new MemoryStream(bytes)) ShouldMatch(Safetensors.Load(seekable), tensors);
        using (var forwardOnly = new ForwardOnlyStream(bytes)) ShouldMatch(Safetensors.Load(forwardOnly), tensors);
        using (var written = new MemoryStream())
        {
            Safetensors.Save(written, tensors);
            written.ToArray().Should().Equal(bytes);
        }
        Safetensors.LoadWithMetadata(bytes).Metadata.Should().BeNull("no metadata was given");
    }

    [Test]
    public void Save_replaces_an_existing_file()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "w.safetensors");
        File.WriteAllText(path, "old content");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["w"] = torch.tensor(new float[] { 3, 4 }) });
        Safetensors.Load(path)["w"].ToArray<float>().Should().Equal(3f, 4f);
        Directory.GetFiles(folder).Should().ContainSingle();
    }

    [Test]
    public void Tensors_are_ordered_by_dtype_descending_then_by_name_with_contiguous_offsets()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["z"] = torch.zeros(new long[] { 1 }, ScalarType.Float64),
            ["a"] = torch.zeros(new long[] { 3 }, ScalarType.Byte),
            ["m"] = torch.zeros(new long[] { 1 }, ScalarType.Float32),
            ["b"] = torch.zeros(new long[] { 2 }, ScalarType.Float32),
            ["c"] = torch.zeros(new long[] { 1 }, ScalarType.Bool),
            ["d"] = torch.zeros(new long[] { 1 }, ScalarType.Int64),
            ["e"] = torch.zeros(new long[] { 1 }, ScalarType.BFloat16),
            ["f"] = torch.zeros(new long[] { 1 }, ScalarType.Float16),
            ["g"] = torch.zeros(new long[] { 1 }, ScalarType.Int16),
            ["h"] = torch.zeros(new long[] { 1 }, ScalarType.Int8),
            ["i"] = torch.zeros(new long[] { 1 }, ScalarType.Int32),
            ["B"] = torch.zeros(new long[] { 1 }, ScalarType.Float32),
        };
        var bytes = Safetensors.Serialize(tensors);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        ((8 + n) % 8).Should().Be(0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, n));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        // Rust enum order BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, descending.
        names.Should().Equal("d", "z", "B", "b", "m", "i", "e", "f", "g", "h", "a", "c");
        long expected = 0;
        foreach (var p in header.RootElement.EnumerateObject())
        {
            var offsets = p.Value.GetProperty("data_offsets");
            offsets[0].GetInt64().Should().Be(expected, p.Name);
            expected = offsets[1].GetInt64();
        }
        expected.Should().Be(bytes.Length - 8 - n);
    }

    [Test]
    public void Header_json_uses_serde_json_escaping_and_no_spaces()
    {
        using var scope = torch.NewDisposeScope();
        var metadata = new Dictionary<string, string> { ["k"] = "a\"b\\c\nd\u0001é/<" };
        var bytes = Safetensors.Serialize(new Dictionary<string, Tensor> { ["x y"] = torch.tensor(new float[] { 1 }) }, metadata);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var json = Encoding.UTF8.GetString(bytes, 8, n).TrimEnd(' ');
        json.Should().Be("{\"__metadata__\":{\"k\":\"a\\\"b\\\\c\\nd\\u0001é/<\"},\"x y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}");
    }

    [Test]
    public void Empty_dictionaries_serialize_like_python()
    {
        using var scope = torch.NewDisposeScope();
        var empty = new Dictionary<string, Tensor>();
        Safetensors.Serialize(empty).Should().Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0 }.Concat(Encoding.ASCII.GetBytes("{}      ")));
        Safetensors.Serialize(empty, new Dictionary<string, string>())
            .Should().Equal(new byte[] { 24, 0, 0, 0, 0, 0, 0, 0 }.Concat(Encoding.ASCII.GetBytes("{\"__metadata__\":{}}     ")));
        Safetensors.Load(Safetensors.Serialize(empty)).Should().BeEmpty();
    }

    [Test]
    public void Scalars_and_empty_tensors_round_trip()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["scalar"] = torch.scalar_tensor(2.5, ScalarType.Float32),
            ["empty"] = torch.zeros(new long[] { 0, 3 }, ScalarType.Float32),
            ["after"] = torch.tensor(new float[] { 9 }),
        };
        var loaded = Safetensors.Load(Safetensors.Serialize(tensors));
        loaded["scalar"].shape.Should().BeEmpty();
        loaded["scalar"].item<float>().Should().Be(2.5f);
        loaded["empty"].shape.Should().Equal(0, 3);
        loaded["after"].ToArray<float>().Should().Equal(9f);
    }

    [Test]
    public void Non_contiguous_and_grad_tensors_are_saved_by_value()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }, requires_grad: true);
        var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 }).transpose(0, 1);
        var loaded = Safetensors.Load(Safetensors.Serialize(new Dictionary<string, Tensor> { ["w"] = w, ["t"] = t }));
        loaded["w"].ToArray<float>().Should().Equal(1f, 2f, 3f, 4f, 5f, 6f);
        loaded["t"].shape.Should().Equal(3, 2);
        loaded["t"].ToArray<float>().Should().Equal(1f, 4f, 2f, 5f, 3f, 6f);
    }

    [Test]
    public void Cuda_tensors_are_saved_from_the_cpu_copy_and_loaded_onto_a_device()
    {
        if (!torch.cuda.is_available()) Assert.Ignore("no CUDA device");
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1, 2, 3 }, device: Device.Cuda);
        var bytes = Safetensors.Serialize(new Dictionary<string, Tensor> { ["x"] = x });
        var cpu = Safetensors.Load(bytes);
        cpu["x"].device.IsCuda.Should().BeFalse();
        cpu["x"].ToArray<float>().Should().Equal(1f, 2f, 3f);
        var onCuda = Safetensors.Load(bytes, Device.Cuda);
        onCuda["x"].device.IsCuda.Should().BeTrue();
        onCuda["x"].ToArray<float>().Should().Equal(1f, 2f, 3f);
    }

    [Test]
    public void Save_refuses_the_reserved_name_and_lone_surrogates()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(1);
        var reserved = () => Safetensors.Serialize(new Dictionary<string, Tensor> { ["__metadata__"] = x });
        reserved.Should().Throw<ArgumentException>().WithMessage("*__metadata__*reserved*");
        var surrogate = () => Safetensors.Serialize(new Dictionary<string, Tensor> { ["bad\uD800"] = x });
        surrogate.Should().Throw<ArgumentException>().WithMessage("*not valid UTF-16*");
        var path = Path.Combine(folder, "never.safetensors");
        var save = () => Safetensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = x });
        save.Should().Throw<ArgumentException>();
        File.Exists(path).Should().BeFalse();
        Directory.GetFiles(folder).Should().BeEmpty();
    }

    private static Dictionary<string, Tensor> SampleTensors() => new()
    {
        ["f32"] = torch.tensor(new float[] { 1.5f, -2, 3.25f, float.MaxValue, float.Epsilon, -0f }, new long[] { 2, 3 }),
        ["f64"] = torch.tensor(new double[] { Math.PI, -1e300, 0, 1 }, new long[] { 4 }),
        ["i64"] = torch.tensor(new long[] { long.MinValue, -1, 0, long.MaxValue }, new long[] { 2, 2 }),
        ["u8"] = torch.tensor(new byte[] { 0, 128, 255 }, new long[] { 3, 1, 1 }),
        ["bool"] = torch.tensor(new bool[] { true, false, true, true }, new long[] { 2, 2 }),
        ["f16"] = torch.tensor(new Half[] { (Half)0.5f, (Half)(-1024f), Half.MaxValue }),
        ["bf16"] = torch.tensor(new float[] { 1, -2.5f, 256 }).to(ScalarType.BFloat16),
        ["i32"] = torch.tensor(new int[] { int.MinValue, 5 }),
        ["i16"] = torch.tensor(new short[] { short.MaxValue, -7 }),
        ["i8"] = torch.tensor(new sbyte[] { sbyte.MinValue, 3 }),
    };

    private static void ShouldMatch(IReadOnlyDictionary<string, Tensor> actual, IReadOnlyDictionary<string, Tensor> expected)
    {
        actual.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (name, e) in expected)
        {
            var a = actual[name];
            a.dtype.Should().Be(e.dtype, name);
            a.shape.Should().Equal(e.shape, name);
            switch (e.dtype)
            {
                case ScalarType.Float32: a.ToArray<float>().Should().Equal(e.ToArray<float>(), name); break;
                case ScalarType.Float64: a.ToArray<double>().Should().Equal(e.ToArray<double>(), name); break;
                case ScalarType.Int64: a.ToArray<long>().Should().Equal(e.ToArray<long>(), name); break;
                case ScalarType.Int32: a.ToArray<int>().Should().Equal(e.ToArray<int>(), name); break;
                case ScalarType.Int16: a.ToArray<short>().Should().Equal(e.ToArray<short>(), name); break;
                case ScalarType.Int8: a.ToArray<sbyte>().Should().Equal(e.ToArray<sbyte>(), name); break;
                case ScalarType.Byte: a.ToArray<byte>().Should().Equal(e.ToArray<byte>(), name); break;
                case ScalarType.Bool: a.ToArray<bool>().Should().Equal(e.ToArray<bool>(), name); break;
                case ScalarType.Float16: a.ToArray<Half>().Should().Equal(e.ToArray<Half>(), name); break;
                case ScalarType.BFloat16:
                    a.to(ScalarType.Float32).ToArray<float>().Should().Equal(e.to(ScalarType.Float32).ToArray<float>(), name);
                    break;
                default: throw new AssertionException($"unexpected dtype {e.dtype}");
            }
        }
    }

    /// <summary>A stream that cannot seek, to exercise the buffered load path.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
