using System.Buffers.Binary;
using System.Text;
using AdvCam.Torch.IO;

namespace AdvCam.Torch.Tests.IO;

/// <summary>Malformed safetensors files are refused with an InvalidDataException naming the file and the problem.</summary>
public class SafetensorsMalformedTests
{
    private const string F32One = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "advcam-safetensors-bad-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>A file: the 8-byte length, the header (padded with spaces to a multiple of 8), then the data.</summary>
    private static byte[] Build(string header, int dataLength) => Build(Encoding.UTF8.GetBytes(header), dataLength);

    private static byte[] Build(byte[] header, int dataLength)
    {
        var padded = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        return bytes;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, byte[] bytes, string problem) => new TestCaseData(bytes, problem).SetName("Refuses_" + name);
        byte[] Length(ulong n, int total)
        {
            var b = new byte[total];
            BinaryPrimitives.WriteUInt64LittleEndian(b, n);
            return b;
        }

        yield return Case("file_shorter_than_8_bytes", new byte[] { 1, 2, 3, 4, 5 }, "shorter than 8 bytes");
        yield return Case("empty_file", Array.Empty<byte>(), "shorter than 8 bytes");
        yield return Case("header_length_larger_than_the_file", Length(1000, 20), "header length 1000 is larger than the 12 bytes");
        yield return Case("header_length_over_100_MB", Length(200_000_000, 16), "header length 200000000 exceeds the limit of 100000000 bytes");
        yield return Case("header_length_over_u63", Length(ulong.MaxValue, 16), "exceeds the limit");
        yield return Case("header_not_utf8", Build(new byte[] { (byte)'{', 0xFF, 0xFE, (byte)'}' }, 0), "not valid UTF-8");
        yield return Case("header_not_json", Build("{\"a\":", 0), "not valid JSON");
        yield return Case("header_not_an_object", Build("[1,2]", 0), "not a JSON object");
        yield return Case("entry_not_an_object", Build("{\"a\":3}", 0), "tensor 'a': the entry is not a JSON object");
        yield return Case("missing_dtype", Build("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a': missing \"dtype\"");
        yield return Case("missing_shape", Build("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4), "tensor 'a': missing \"shape\"");
        yield return Case("missing_data_offsets", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor 'a': missing \"data_offsets\"");
        yield return Case("unknown_dtype", Build("{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a': unknown dtype 'F33'");
        yield return Case("unsupported_dtype_U16", Build("{\"a\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "tensor 'a': unsupported dtype 'U16'");
        yield return Case("unsupported_dtype_F8", Build("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4), "unsupported dtype 'F8_E4M3'");
        yield return Case("negative_shape", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "tensor 'a': negative dimension -1");
        yield return Case("fractional_shape", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4), "is not an integer");
        yield return Case("offsets_beyond_the_data", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4),
            "tensor 'a': data_offsets [0, 8] are out of range of the data section (4 bytes)");
        yield return Case("negative_offset", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4), "out of range of the data section");
        yield return Case("end_before_begin", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "tensor 'a': data_offsets [4, 0] end < begin");
        yield return Case("dtype_shape_mismatch", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
            "tensor 'a': dtype/shape mismatch: F32 [2] needs 8 bytes but data_offsets [0, 4] hold 4");
        yield return Case("overlapping_offsets",
            Build("{\"a\":" + F32One + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", 6), "overlapping data_offsets");
        yield return Case("gap_between_tensors",
            Build("{\"a\":" + F32One + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12), "gap of 4 bytes in the data section before tensor 'b'");
        yield return Case("gap_at_the_start", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "gap of 4 bytes");
        yield return Case("trailing_data", Build("{\"a\":" + F32One + "}", 8), "gap of 4 bytes at the end of the data section");
        yield return Case("truncated_data", Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 10), "out of range of the data section (10 bytes)");
        yield return Case("duplicate_names",
            Build("{\"a\":" + F32One + ",\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "duplicate tensor name 'a'");
        yield return Case("metadata_value_not_a_string", Build("{\"__metadata__\":{\"k\":1},\"a\":" + F32One + "}", 4), "\"__metadata__\" value of 'k' is not a string");
        yield return Case("metadata_not_an_object", Build("{\"__metadata__\":[],\"a\":" + F32One + "}", 4), "\"__metadata__\" is not a JSON object");
    }

    [TestCaseSource(nameof(Cases))]
    public void Loading_a_malformed_file_names_the_file_and_the_problem(byte[] bytes, string problem)
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(folder, "broken.safetensors");
        File.WriteAllBytes(path, bytes);
        var liveBefore = Tensor.LiveCount;

        var fromFile = () => Safetensors.Load(path);
        fromFile.Should().Throw<InvalidDataException>()
            .Which.Message.Should().Contain($"'{path}'").And.Contain(problem);

        var fromBuffer = () => Safetensors.Load(bytes);
        fromBuffer.Should().Throw<InvalidDataException>()
            .Which.Message.Should().Contain("'<buffer>'").And.Contain(problem);

        Tensor.LiveCount.Should().Be(liveBefore, "a refused file creates no tensor");
        torch.ones(2).sum().item<float>().Should().Be(2f, "the process goes on after a refusal");
    }

    [Test]
    public void A_valid_prefix_of_a_good_file_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var good = Safetensors.Serialize(new Dictionary<string, Tensor> { ["w"] = torch.ones(4, 4) });
        for (var cut = 0; cut < good.Length; cut += 7)
        {
            var load = () => Safetensors.Load(good.AsSpan(0, cut));
            load.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("'<buffer>'");
        }
        Safetensors.Load(good)["w"].sum().item<float>().Should().Be(16f);
    }

    [Test]
    public void A_missing_file_is_a_file_not_found_error_naming_it()
    {
        var path = Path.Combine(folder, "absent.safetensors");
        var load = () => Safetensors.Load(path);
        load.Should().Throw<FileNotFoundException>().Which.Message.Should().Contain(path);
    }
}
