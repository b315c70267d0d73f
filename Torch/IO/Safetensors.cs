using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using AdvCam.Torch.Interop;

namespace AdvCam.Torch.IO;

/// <summary>
/// Reads and writes the safetensors format byte for byte as Python's <c>safetensors</c> (Rust core, v0.4) does:
/// an 8-byte little-endian header length, a compact JSON header (optional <c>__metadata__</c> string map first, then
/// one <c>{"dtype","shape","data_offsets"}</c> entry per tensor) padded with spaces to a multiple of 8 bytes, then the
/// little-endian row-major data. Tensors are written by descending dtype (8-byte types first) and then by name.
/// </summary>
/// <remarks>
/// Supported dtypes: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL. Loading validates the whole header before any
/// tensor is created and refuses a malformed file with an <see cref="InvalidDataException"/> naming the file (or
/// <c>&lt;buffer&gt;</c>, <c>&lt;stream&gt;</c>) and the problem. Metadata keys, whose order Python leaves to a hash
/// map, are written in UTF-8 byte order. Assumes a little-endian host, as libtorch does.
/// </remarks>
public static class Safetensors
{
    private const string BufferSource = "<buffer>";
    private const string StreamSource = "<stream>";

    /// <summary>Loads every tensor of the file at <paramref name="path"/> (onto <paramref name="device"/>, CPU by default).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names it and the problem.</exception>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null) => LoadWithMetadata(path, device).Tensors;

    /// <summary>Loads every tensor of the file at <paramref name="path"/> and its <c>__metadata__</c> map (null when absent).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names it and the problem.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string>? Metadata) LoadWithMetadata(string path, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ReadSeekable(stream, path, device);
    }

    /// <summary>Loads every tensor of an in-memory safetensors file.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file (the message says <c>&lt;buffer&gt;</c>).</exception>
    public static Dictionary<string, Tensor> Load(ReadOnlySpan<byte> bytes, Device? device = null) => LoadWithMetadata(bytes, device).Tensors;

    /// <summary>Loads every tensor of an in-memory safetensors file and its <c>__metadata__</c> map (null when absent).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors file (the message says <c>&lt;buffer&gt;</c>).</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string>? Metadata) LoadWithMetadata(ReadOnlySpan<byte> bytes, Device? device = null) =>
        ReadSpan(bytes, BufferSource, device);

    /// <summary>Loads every tensor from <paramref name="stream"/>, which holds a safetensors file from its position to its end.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid safetensors file.</exception>
    public static Dictionary<string, Tensor> Load(Stream stream, Device? device = null) => LoadWithMetadata(stream, device).Tensors;

    /// <summary>
    /// Loads every tensor and the <c>__metadata__</c> map (null when absent) from <paramref name="stream"/>, which holds
    /// a safetensors file from its position to its end. A seekable stream is read tensor by tensor; another is buffered.
    /// </summary>
    /// <exception cref="InvalidDataException">The content is not a valid safetensors file.</exception>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string>? Metadata) LoadWithMetadata(Stream stream, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = stream is FileStream file ? file.Name : StreamSource;
        if (stream.CanSeek) return ReadSeekable(stream, source, device);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ReadSpan(copy.GetBuffer().AsSpan(0, checked((int)copy.Length)), source, device);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> (and <paramref name="metadata"/>, omitted from the header when null) to
    /// <paramref name="path"/> atomically: a temporary file in the same folder replaces the target when complete.
    /// CUDA tensors are copied to the CPU; gradients are not saved.
    /// </summary>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c> or not valid UTF-16, or a dtype is not supported.</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var prepared = Prepare(tensors, metadata);
        AtomicFile.Write(path, stream => WriteTo(stream, prepared));
    }

    /// <summary>Writes <paramref name="tensors"/> (and <paramref name="metadata"/>) in safetensors format to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c> or not valid UTF-16, or a dtype is not supported.</exception>
    public static void Save(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WriteTo(stream, Prepare(tensors, metadata));
    }

    /// <summary>The safetensors file for <paramref name="tensors"/> (and <paramref name="metadata"/>) as bytes, as Python's <c>safetensors.torch.save</c>.</summary>
    /// <exception cref="ArgumentException">A name is <c>__metadata__</c> or not valid UTF-16, or a dtype is not supported.</exception>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var prepared = Prepare(tensors, metadata);
        var total = 8L + prepared.Header.Length + prepared.DataLength;
        if (total > Array.MaxLength)
            throw new InvalidOperationException($"the file would have {total} bytes, more than one array holds; use Save to write it");
        var result = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)prepared.Header.Length);
        prepared.Header.CopyTo(result, 8);
        var offset = 8 + prepared.Header.Length;
        foreach (var (tensor, entry) in prepared.Tensors)
        {
            CopyTensorBytes(tensor, result.AsSpan(offset, (int)entry.Length));
            offset += (int)entry.Length;
        }
        return result;
    }

    private sealed record Prepared(byte[] Header, List<(Tensor Tensor, SafetensorsEntry Entry)> Tensors, long DataLength);

    /// <summary>Validates the input, orders the tensors as the Rust crate does and builds the header.</summary>
    private static Prepared Prepare(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var items = new List<(string Name, byte[] Utf8Name, string Dtype, ScalarType Type, Tensor Tensor)>(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafetensorsHeader.MetadataKey)
                throw new ArgumentException($"'{SafetensorsHeader.MetadataKey}' is reserved for the metadata map and cannot name a tensor", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"tensor '{name}' is null", nameof(tensors));
            var type = tensor.dtype;
            var dtype = SafetensorsDtype.NameOf(type)
                ?? throw new ArgumentException($"tensor '{name}' has dtype {type}, which safetensors I/O does not support", nameof(tensors));
            items.Add((name, Utf8Of(name, "tensor name", nameof(tensors)), dtype, type, tensor));
        }
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (value is null) throw new ArgumentException($"metadata value of '{key}' is null", nameof(metadata));
                Utf8Of(key, "metadata key", nameof(metadata));
                Utf8Of(value, $"metadata value of '{key}'", nameof(metadata));
            }
        }
        // Rust: right.dtype().cmp(&left.dtype()).then(lname.cmp(rname)) -- dtype descending, then name by UTF-8 bytes.
        items.Sort((l, r) =>
        {
            var byType = SafetensorsDtype.Rank(r.Dtype).CompareTo(SafetensorsDtype.Rank(l.Dtype));
            return byType != 0 ? byType : l.Utf8Name.AsSpan().SequenceCompareTo(r.Utf8Name);
        });
        var ordered = new List<(Tensor, SafetensorsEntry)>(items.Count);
        long offset = 0;
        foreach (var item in items)
        {
            var shape = item.Tensor.shape;
            var length = checked(item.Tensor.numel() * item.Type.ElementSize());
            ordered.Add((item.Tensor, new SafetensorsEntry(item.Name, item.Type, shape, offset, offset + length)));
            offset += length;
        }
        var header = SafetensorsHeader.Build(ordered.Select(o => o.Item2).ToList(), metadata);
        return new Prepared(header, ordered, offset);
    }

    private static byte[] Utf8Of(string text, string what, string parameter)
    {
        try
        {
            return SafetensorsHeader.StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{what} '{text}' is not valid UTF-16 (lone surrogate)", parameter, e);
        }
    }

    private static void WriteTo(Stream stream, Prepared prepared)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)prepared.Header.Length);
        stream.Write(length);
        stream.Write(prepared.Header);
        var largest = prepared.Tensors.Count == 0 ? 0 : prepared.Tensors.Max(t => t.Entry.Length);
        if (largest > Array.MaxLength)
            throw new NotSupportedException($"a tensor has {largest} bytes, more than one buffer holds");
        var buffer = ArrayPool<byte>.Shared.Rent((int)largest);
        try
        {
            foreach (var (tensor, entry) in prepared.Tensors)
            {
                var bytes = buffer.AsSpan(0, (int)entry.Length);
                CopyTensorBytes(tensor, bytes);
                stream.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies the tensor's elements (detached, on the CPU, row-major) into <paramref name="destination"/>.</summary>
    private static unsafe void CopyTensorBytes(Tensor tensor, Span<byte> destination)
    {
        fixed (byte* p = destination)
            Tensor.Check(NativeMethods.advt_copy_to(tensor.Handle, p, destination.Length, (int)tensor.dtype), "safetensors save");
    }

    private static (Dictionary<string, Tensor>, Dictionary<string, string>?) ReadSpan(ReadOnlySpan<byte> bytes, string source, Device? device)
    {
        if (bytes.Length < 8) throw SafetensorsHeader.Error(source, $"shorter than 8 bytes (it has {bytes.Length})");
        var n = HeaderLength(bytes, bytes.Length, source);
        var layout = SafetensorsHeader.Parse(bytes.Slice(8, n), bytes.Length - 8L - n, source);
        var data = bytes[(8 + n)..];
        var tensors = new Dictionary<string, Tensor>(layout.Entries.Count, StringComparer.Ordinal);
        try
        {
            foreach (var e in layout.Entries)
                tensors.Add(e.Name, torch.from_bytes(data.Slice((int)e.Begin, (int)e.Length), e.Type, e.Shape, device));
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return (tensors, layout.Metadata);
    }

    private static (Dictionary<string, Tensor>, Dictionary<string, string>?) ReadSeekable(Stream stream, string source, Device? device)
    {
        var total = stream.Length - stream.Position;
        if (total < 8) throw SafetensorsHeader.Error(source, $"shorter than 8 bytes (it has {total})");
        Span<byte> lengthBytes = stackalloc byte[8];
        ReadExactly(stream, lengthBytes, source);
        var n = HeaderLength(lengthBytes, total, source);
        var header = new byte[n];
        ReadExactly(stream, header, source);
        var layout = SafetensorsHeader.Parse(header, total - 8 - n, source);
        var largest = layout.Entries.Count == 0 ? 0 : layout.Entries.Max(e => e.Length);
        if (largest > Array.MaxLength)
            throw new NotSupportedException($"cannot load safetensors '{source}': a tensor has {largest} bytes, more than one buffer holds");
        var tensors = new Dictionary<string, Tensor>(layout.Entries.Count, StringComparer.Ordinal);
        var buffer = ArrayPool<byte>.Shared.Rent((int)largest);
        try
        {
            // The entries tile the data section in offset order, so one sequential pass reads them all.
            foreach (var e in layout.Entries)
            {
                var bytes = buffer.AsSpan(0, (int)e.Length);
                ReadExactly(stream, bytes, source);
                tensors.Add(e.Name, torch.from_bytes(bytes, e.Type, e.Shape, device));
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (tensors, layout.Metadata);
    }

    /// <summary>The header length from the first 8 bytes, checked against the 100 MB limit and the file size.</summary>
    private static int HeaderLength(ReadOnlySpan<byte> first8, long total, string source)
    {
        var n = BinaryPrimitives.ReadUInt64LittleEndian(first8);
        if (n > SafetensorsHeader.MaxHeaderLength)
            throw SafetensorsHeader.Error(source, $"header length {n} exceeds the limit of {SafetensorsHeader.MaxHeaderLength} bytes");
        if ((long)n > total - 8)
            throw SafetensorsHeader.Error(source, $"header length {n} is larger than the {total - 8} bytes that follow the length field");
        return (int)n;
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, string source)
    {
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw SafetensorsHeader.Error(source, "the file ended early (truncated while reading)", e);
        }
    }
}
