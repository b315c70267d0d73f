namespace AdvCam.Torch.Tests;

/// <summary>Named tolerances shared by the tests.</summary>
internal static class Tolerances
{
    /// <summary>float32 results against hand-computed values.</summary>
    public const double Float32 = 1e-5;

    /// <summary>float64 results against hand-computed values.</summary>
    public const double Float64 = 1e-12;

    /// <summary>Step of the central finite differences (float64).</summary>
    public const double FiniteDifferenceStep = 1e-6;

    /// <summary>Analytic gradient against central finite differences (float64), relative to the gradient's scale.</summary>
    public const double GradientCheck = 1e-6;
}
