using AdvCam.Core.Running;

namespace AdvCam.Core.Regression;

/// <summary>A threshold or baseline file that cannot be used: the message names the file and the JSON path of the bad entry.</summary>
public sealed class SuiteThresholdsException : JsonFileException
{
    /// <summary>Describes what is wrong with the entry at <paramref name="jsonPath"/> of <paramref name="file"/>.</summary>
    /// <param name="file">The file, or null when the text did not come from a file.</param>
    /// <param name="jsonPath">The JSON path of the bad entry (<c>$</c>, <c>$.floors['clean/top1']</c>, ...).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SuiteThresholdsException(string? file, string jsonPath, string problem, Exception? inner = null)
        : base("thresholds", file, jsonPath, problem, inner)
    {
    }
}
