namespace AdvCam.Core.Running;

/// <summary>A suite file that cannot be used: the message names the file and the JSON path of the bad entry.</summary>
public sealed class SuiteSpecException : JsonFileException
{
    /// <summary>Describes what is wrong with the entry at <paramref name="jsonPath"/> of <paramref name="file"/>.</summary>
    /// <param name="file">The suite file, or null when the suite was parsed from text.</param>
    /// <param name="jsonPath">The JSON path of the bad entry (<c>$</c>, <c>$.plugins[1].severities[0]</c>, ...).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SuiteSpecException(string? file, string jsonPath, string problem, Exception? inner = null)
        : base("suite", file, jsonPath, problem, inner)
    {
    }
}
