using System.Text.RegularExpressions;

namespace AdvCam.Core.Regression;

/// <summary>
/// A threshold file's entry: a case-name pattern and its number (a floor, a ceiling or a tolerance). <c>*</c> in the
/// pattern matches any run of characters (<c>/</c> included); names are compared ignoring case.
/// </summary>
public sealed class ThresholdRule
{
    private readonly Regex regex;

    /// <summary>A rule for the cases matching <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The pattern (<c>gaussian-blur/s3/top1</c>, <c>gaussian-blur/*/top1</c>, <c>*/fooling_rate</c>).</param>
    /// <param name="value">Its number.</param>
    /// <param name="jsonPath">Where the threshold file gives it, for messages.</param>
    public ThresholdRule(string pattern, double value, string jsonPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(jsonPath);
        Pattern = pattern;
        Value = value;
        JsonPath = jsonPath;
        Specificity = pattern.Count(c => c != '*');
        regex = new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>The number.</summary>
    public double Value { get; }

    /// <summary>The JSON path of the entry in its file.</summary>
    public string JsonPath { get; }

    /// <summary>How specific the pattern is: its characters other than <c>*</c>. Of several matching rules the most specific
    /// wins (on a tie, the later in the file).</summary>
    public int Specificity { get; }

    /// <summary>Whether the pattern matches <paramref name="caseName"/>.</summary>
    /// <param name="caseName">A case's name.</param>
    public bool Matches(string caseName) => regex.IsMatch(caseName);

    /// <summary>The rule of <paramref name="rules"/> (in file order) that applies to <paramref name="caseName"/>, or null.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="caseName">The case's name.</param>
    public static ThresholdRule? Pick(IEnumerable<ThresholdRule> rules, string caseName)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ThresholdRule? best = null;
        foreach (var rule in rules)
            if (rule.Matches(caseName) && (best is null || rule.Specificity >= best.Specificity)) best = rule;
        return best;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Pattern}: {Value}";
}
