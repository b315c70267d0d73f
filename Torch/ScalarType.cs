namespace AdvCam.Torch;

/// <summary>Element types, numbered as libtorch's <c>c10::ScalarType</c>.</summary>
public enum ScalarType
{
    /// <summary>uint8.</summary>
    Byte = 0,
    /// <summary>int8.</summary>
    Int8 = 1,
    /// <summary>int16.</summary>
    Int16 = 2,
    /// <summary>int32.</summary>
    Int32 = 3,
    /// <summary>int64.</summary>
    Int64 = 4,
    /// <summary>float16.</summary>
    Float16 = 5,
    /// <summary>float32.</summary>
    Float32 = 6,
    /// <summary>float64.</summary>
    Float64 = 7,
    /// <summary>complex64: two float32 (the spectra of float32 signals, <see cref="torch.fft"/>).</summary>
    ComplexFloat = 9,
    /// <summary>complex128: two float64.</summary>
    ComplexDouble = 10,
    /// <summary>bool.</summary>
    Bool = 11,
    /// <summary>bfloat16.</summary>
    BFloat16 = 15,
}

/// <summary>Sizes and managed-type mapping of <see cref="ScalarType"/>.</summary>
public static class ScalarTypes
{
    /// <summary>Bytes per element.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat => 8,
        ScalarType.ComplexDouble => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown scalar type"),
    };

    /// <summary>Whether the type holds floating-point values.</summary>
    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.Float32 or ScalarType.Float64 or ScalarType.BFloat16;

    /// <summary>Whether the type holds complex values.</summary>
    public static bool IsComplex(this ScalarType type) => type is ScalarType.ComplexFloat or ScalarType.ComplexDouble;

    /// <summary>The scalar type that stores the managed type <typeparamref name="T"/>.</summary>
    public static ScalarType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(short)) return ScalarType.Int16;
        if (typeof(T) == typeof(byte)) return ScalarType.Byte;
        if (typeof(T) == typeof(sbyte)) return ScalarType.Int8;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        if (typeof(T) == typeof(Half)) return ScalarType.Float16;
        throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
    }
}
