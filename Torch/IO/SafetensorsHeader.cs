using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AdvCam.Torch.IO;

/// <summary>One tensor's entry in a safetensors header: its name, element type, shape and byte range in the data section.</summary>
internal sealed record SafetensorsEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End)
{
    /// <summary>Bytes of data.</summary>
    public long Length => End - Begin;
}

/// <summary>A parsed and validated header: the entries sorted by data offset, and the optional metadata.</summary>
internal sealed record SafetensorsLayout(IReadOnlyList<SafetensorsEntry> Entries, Dictionary<string, string>? Metadata);

/// <summary>
/// Reads and writes the JSON header of a safetensors file exactly as the Rust crate (v0.4) does: compact JSON,
/// <c>__metadata__</c> first, entries in data order, serde_json's string escaping, padded with spaces to a multiple of 8.
/// </summary>
internal static class SafetensorsHeader
{
    /// <summary>The reserved key of the free-form string map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header the Rust crate accepts (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>UTF-8 that throws on lone surrogates instead of writing replacement characters.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The exception for a malformed file, naming the source and the problem.</summary>
    public static InvalidDataException Error(string source, string problem, Exception? inner = null) =>
        new($"cannot load safetensors '{source}': {problem}", inner);

    /// <summary>Parses and validates <paramref name="header"/> against a data section of <paramref name="dataLength"/> bytes.</summary>
    public static SafetensorsLayout Parse(ReadOnlySpan<byte> header, long dataLength, string source)
    {
        if (!Utf8.IsValid(header)) throw Error(source, "the header is not valid UTF-8");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException e)
        {
            throw Error(source, $"the header is not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, $"the header is not a JSON object (it is {Describe(root.ValueKind)})");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Dictionary<string, string>? metadata = null;
            var entries = new List<SafetensorsEntry>();
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Error(source, property.Name == MetadataKey ? "duplicate \"__metadata__\" entry" : $"duplicate tensor name '{property.Name}'");
                if (property.Name == MetadataKey) metadata = ParseMetadata(property.Value, source);
                else entries.Add(ParseEntry(property.Name, property.Value, dataLength, source));
            }
            return new SafetensorsLayout(CheckLayout(entries, dataLength, source), metadata);
        }
    }

    private static Dictionary<string, string>? ParseMetadata(JsonElement value, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"\"__metadata__\" is not a JSON object (it is {Describe(value.ValueKind)})");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Error(source, $"\"__metadata__\" value of '{item.Name}' is not a string (it is {Describe(item.Value.ValueKind)})");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Error(source, $"duplicate \"__metadata__\" key '{item.Name}'");
        }
        return metadata;
    }

    private static SafetensorsEntry ParseEntry(string name, JsonElement value, long dataLength, string source)
    {
        string Where(string problem) => $"tensor '{name}': {problem}";
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, Where($"the entry is not a JSON object (it is {Describe(value.ValueKind)})"));
        JsonElement? dtypeElement = null, shapeElement = null, offsetsElement = null;
        foreach (var field in value.EnumerateObject())
        {
            ref JsonElement? slot = ref dtypeElement;
            switch (field.Name)
            {
                case "dtype": slot = ref dtypeElement; break;
                case "shape": slot = ref shapeElement; break;
                case "data_offsets": slot = ref offsetsElement; break;
                default: continue; // serde ignores unknown fields; so do we.
            }
            if (slot.HasValue) throw Error(source, Where($"duplicate \"{field.Name}\""));
            slot = field.Value;
        }
        if (dtypeElement is not { } dtypeValue) throw Error(source, Where("missing \"dtype\""));
        if (shapeElement is not { } shapeValue) throw Error(source, Where("missing \"shape\""));
        if (offsetsElement is not { } offsetsValue) throw Error(source, Where("missing \"data_offsets\""));

        if (dtypeValue.ValueKind != JsonValueKind.String)
            throw Error(source, Where($"\"dtype\" is not a string (it is {Describe(dtypeValue.ValueKind)})"));
        var dtypeName = dtypeValue.GetString()!;
        if (!SafetensorsDtype.TryParse(dtypeName, out var type, out var dtypeProblem)) throw Error(source, Where(dtypeProblem));

        if (shapeValue.ValueKind != JsonValueKind.Array)
            throw Error(source, Where($"\"shape\" is not an array (it is {Describe(shapeValue.ValueKind)})"));
        var shape = new long[shapeValue.GetArrayLength()];
        var i = 0;
        foreach (var dim in shapeValue.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var size))
                throw Error(source, Where($"\"shape\" element {dim.GetRawText()} is not an integer"));
            if (size < 0) throw Error(source, Where($"negative dimension {size} in shape {shapeValue.GetRawText()}"));
            shape[i++] = size;
        }

        if (offsetsValue.ValueKind != JsonValueKind.Array || offsetsValue.GetArrayLength() != 2)
            throw Error(source, Where($"\"data_offsets\" is not an array of two integers ({offsetsValue.GetRawText()})"));
        var begin = Offset(offsetsValue[0]);
        var end = Offset(offsetsValue[1]);
        var offsets = $"data_offsets [{begin}, {end}]";
        if (begin < 0 || end < 0)
            throw Error(source, Where($"{offsets} are out of range of the data section ({dataLength} bytes)"));
        if (end < begin) throw Error(source, Where($"{offsets} end < begin"));
        if (end > dataLength) throw Error(source, Where($"{offsets} are out of range of the data section ({dataLength} bytes)"));

        long expected;
        try
        {
            expected = type.ElementSize();
            foreach (var size in shape) expected = checked(expected * size);
        }
        catch (OverflowException)
        {
            throw Error(source, Where($"shape {ShapeText(shape)} is too large"));
        }
        if (end - begin != expected)
            throw Error(source, Where($"dtype/shape mismatch: {dtypeName} {ShapeText(shape)} needs {expected} bytes but {offsets} hold {end - begin}"));
        return new SafetensorsEntry(name, type, shape, begin, end);

        long Offset(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var v))
                throw Error(source, Where($"\"data_offsets\" element {e.GetRawText()} is not an integer"));
            return v;
        }
    }

    /// <summary>Checks that the entries tile the data section exactly (no overlap, no gap); returns them in data order.</summary>
    private static List<SafetensorsEntry> CheckLayout(List<SafetensorsEntry> entries, long dataLength, string source)
    {
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long covered = 0;
        SafetensorsEntry? previous = null;
        foreach (var e in sorted)
        {
            if (e.Begin < covered)
                throw Error(source, $"tensors '{previous!.Name}' [{previous.Begin}, {previous.End}] and '{e.Name}' [{e.Begin}, {e.End}] have overlapping data_offsets");
            if (e.Begin > covered)
                throw Error(source, $"gap of {e.Begin - covered} bytes in the data section before tensor '{e.Name}' (data_offsets [{e.Begin}, {e.End}], the previous data ends at {covered})");
            covered = e.End;
            previous = e;
        }
        if (covered != dataLength)
            throw Error(source, $"gap of {dataLength - covered} bytes at the end of the data section: it has {dataLength} bytes but the tensors cover {covered}");
        return sorted;
    }

    /// <summary>
    /// The header bytes for <paramref name="entries"/> (already in write order) and <paramref name="metadata"/> (keys
    /// written in UTF-8 byte order), padded with spaces to a multiple of 8 bytes.
    /// </summary>
    public static byte[] Build(IReadOnlyList<SafetensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        var first = true;
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            var firstKey = true;
            foreach (var key in metadata.Keys.OrderBy(k => k, Utf8Order.Instance))
            {
                if (!firstKey) json.Append(',');
                AppendString(json, key);
                json.Append(':');
                AppendString(json, metadata[key]);
                firstKey = false;
            }
            json.Append('}');
            first = false;
        }
        foreach (var e in entries)
        {
            if (!first) json.Append(',');
            AppendString(json, e.Name);
            json.Append(":{\"dtype\":\"").Append(SafetensorsDtype.NameOf(e.Type)).Append("\",\"shape\":[");
            for (var i = 0; i < e.Shape.Length; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(e.Shape[i].ToString(CultureInfo.InvariantCulture));
            }
            json.Append("],\"data_offsets\":[").Append(e.Begin.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.End.ToString(CultureInfo.InvariantCulture)).Append("]}");
            first = false;
        }
        json.Append('}');
        var text = json.ToString();
        var length = StrictUtf8.GetByteCount(text);
        var padded = new byte[(length + 7) / 8 * 8];
        StrictUtf8.GetBytes(text, padded);
        padded.AsSpan(length).Fill((byte)' ');
        return padded;
    }

    /// <summary>Appends a JSON string with serde_json's escaping: only quote, backslash and control characters.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }

    /// <summary>A shape as text, e.g. <c>[2, 3]</c>.</summary>
    public static string ShapeText(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
