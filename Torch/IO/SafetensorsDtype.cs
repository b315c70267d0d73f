namespace AdvCam.Torch.IO;

/// <summary>
/// The dtype names of the safetensors format and their order: the Rust crate's <c>Dtype</c> enum (v0.4), whose
/// declaration order decides the order tensors are written in (descending, so 8-byte types come first).
/// </summary>
internal static class SafetensorsDtype
{
    /// <summary>The Rust enum's declaration order; the index is the sort key.</summary>
    private static readonly string[] EnumOrder =
    {
        "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64",
    };

    /// <summary>The safetensors name of a scalar type we can write, or null.</summary>
    public static string? NameOf(ScalarType type) => type switch
    {
        ScalarType.Float64 => "F64",
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => null,
    };

    /// <summary>The scalar type of a safetensors dtype name; false with a reason when unknown or unsupported.</summary>
    public static bool TryParse(string name, out ScalarType type, out string problem)
    {
        problem = string.Empty;
        switch (name)
        {
            case "F64": type = ScalarType.Float64; return true;
            case "F32": type = ScalarType.Float32; return true;
            case "F16": type = ScalarType.Float16; return true;
            case "BF16": type = ScalarType.BFloat16; return true;
            case "I64": type = ScalarType.Int64; return true;
            case "I32": type = ScalarType.Int32; return true;
            case "I16": type = ScalarType.Int16; return true;
            case "I8": type = ScalarType.Int8; return true;
            case "U8": type = ScalarType.Byte; return true;
            case "BOOL": type = ScalarType.Bool; return true;
        }
        type = default;
        problem = Array.IndexOf(EnumOrder, name) >= 0
            ? $"unsupported dtype '{name}' (libtorch here has no such type; supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)"
            : $"unknown dtype '{name}'";
        return false;
    }

    /// <summary>The position of <paramref name="name"/> in the Rust enum (the write order sorts it descending).</summary>
    public static int Rank(string name)
    {
        var i = Array.IndexOf(EnumOrder, name);
        return i >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(name), name, "not a safetensors dtype");
    }
}
