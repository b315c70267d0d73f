using AdvCam.Core.Models;
using AdvCam.Core.Regression;

namespace AdvCam.Report.Checks;

/// <summary>
/// Which threshold files a report judges, and on which of its suites: each file given (<c>--thresholds</c>) on the suite that
/// runs the file's model, and, unless turned off, the <c>thresholds.json</c> beside each model the report runs.
/// </summary>
public static class ThresholdAssignment
{
    /// <summary>The file name looked for beside a model.</summary>
    public const string FileName = "thresholds.json";

    /// <summary>The threshold files of each suite, in the order of <paramref name="models"/>.</summary>
    /// <param name="files">Threshold files given explicitly.</param>
    /// <param name="besideModels">Whether to look for <see cref="FileName"/> beside each model without an explicit file.</param>
    /// <param name="models">Each suite's model (file or folder, full path).</param>
    /// <param name="log">Told which files apply; may be null.</param>
    /// <exception cref="FileNotFoundException">A threshold or suite file is missing.</exception>
    /// <exception cref="SuiteThresholdsException">A threshold or baseline file is invalid.</exception>
    /// <exception cref="Core.Running.SuiteSpecException">A suite file is invalid.</exception>
    /// <exception cref="ArgumentException">A file given is for a model that no suite of the report runs.</exception>
    public static IReadOnlyList<IReadOnlyList<RegressionSuite>> Assign(IReadOnlyList<string> files, bool besideModels, IReadOnlyList<string> models,
        TextWriter? log)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(models);
        var keys = models.Select(ModelFile).ToArray();
        var assigned = models.Select(_ => new List<RegressionSuite>()).ToArray();
        foreach (var file in files)
        {
            var suite = RegressionSuite.Load(file);
            var index = Array.IndexOf(keys, ModelFile(suite.ModelPath));
            if (index < 0)
                throw new ArgumentException($"threshold file '{file}' is for model '{suite.ModelPath}', which this report does not run " +
                                            $"(it runs {string.Join(", ", models.Select(m => $"'{m}'"))}): add --model '{suite.ModelPath}'");
            assigned[index].Add(suite);
        }
        for (var i = 0; i < models.Count && besideModels; i++)
        {
            if (assigned[i].Count > 0) continue;
            var beside = Path.Combine(Directory.Exists(models[i]) ? models[i] : Path.GetDirectoryName(Path.GetFullPath(models[i]))!, FileName);
            if (!File.Exists(beside)) continue;
            var suite = RegressionSuite.Load(beside);
            if (ModelFile(suite.ModelPath) == keys[i]) assigned[i].Add(suite);
            else log?.WriteLine($"thresholds {beside}: not used, it is for model {suite.ModelPath}");
        }
        return assigned;
    }

    /// <summary>The model file a model path names (a folder names its <see cref="TrainedModel.FileName"/>).</summary>
    private static string ModelFile(string path)
    {
        var full = Path.GetFullPath(path);
        return Directory.Exists(full) ? Path.Combine(full, TrainedModel.FileName) : full;
    }
}
