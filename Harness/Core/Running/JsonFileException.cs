namespace AdvCam.Core.Running;

/// <summary>A JSON file of AdvCam's (a suite file, a threshold or baseline file) that cannot be used: the message names the
/// kind of file, the file and the JSON path of the bad entry.</summary>
public abstract class JsonFileException : Exception
{
    /// <summary>Describes what is wrong with the entry at <paramref name="jsonPath"/> of <paramref name="file"/>.</summary>
    /// <param name="kind">The kind of file, first in the message (<c>suite</c>, <c>thresholds</c>).</param>
    /// <param name="file">The file, or null when the text did not come from a file.</param>
    /// <param name="jsonPath">The JSON path of the bad entry.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    protected JsonFileException(string kind, string? file, string jsonPath, string problem, Exception? inner)
        : base($"{kind} {(file is null ? "(text)" : $"'{file}'")}: {jsonPath}: {problem}", inner)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file, or null when the text did not come from a file.</summary>
    public string? File { get; }

    /// <summary>The JSON path of the bad entry.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
