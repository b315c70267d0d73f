using System.Globalization;

namespace AdvCam.Plugins.Attribution;

/// <summary>The image scales of multi-scale attribution (a plugin's <c>scales</c> parameter): comma-separated numbers in (0, 8], no repeats.</summary>
public static class ScaleList
{
    /// <summary>The scales of <paramref name="text"/>, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static double[]? Parse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = "";
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var scales = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out scales[i]) || !(scales[i] > 0) || scales[i] > 8)
            {
                problem = $"must be comma-separated numbers in (0, 8] (e.g. \"1,0.5,1.5,2\"); '{parts[i]}' is not";
                return null;
            }
        }
        if (scales.Distinct().Count() != scales.Length)
        {
            problem = "must not repeat a scale";
            return null;
        }
        return scales;
    }

    /// <summary>The size of an image of <paramref name="height"/> x <paramref name="width"/> at <paramref name="scale"/> (rounded, as the official code's rescaling).</summary>
    public static (long Height, long Width) Size(long height, long width, double scale) =>
        scale == 1 ? (height, width) : ((long)Math.Round(height * scale), (long)Math.Round(width * scale));
}
