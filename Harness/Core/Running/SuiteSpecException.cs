namespace AdvCam.Core.Running;

/// <summary>A suite file that cannot be used: the message names the file and the JSON path of the bad entry.</summary>
public sealed class SuiteSpecException : Exception
{
    /// <summary>Describes what is wrong with the entry at <paramref name="jsonPath"/> of <paramref name="file"/>.</summary>
    /// <param name="file">The suite file, or null when the suite was parsed from text.</param>
    /// <param name="jsonPath">The JSON path of the bad entry (<c>$</c>, <c>$.plugins[1].severities[0]</c>, ...).</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SuiteSpecException(string? file, string jsonPath, string problem, Exception? inner = null)
        : base($"suite {(file is null ? "(text)" : $"'{file}'")}: {jsonPath}: {problem}", inner)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The suite file, or null when the suite was parsed from text.</summary>
    public string? File { get; }

    /// <summary>The JSON path of the bad entry.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
