using AdvCam.Core.Running;

namespace AdvCam.Cli;

/// <summary>
/// Renders <see cref="SuiteProgress"/> on stderr for <c>advcam run</c> and <c>advcam report</c>: one line rewritten in
/// place (at most 10 times a second) on a terminal; when stderr is redirected, one line as each pass (the clean pass, a
/// plugin's kind and severity) starts. Reports arrive on the runner's thread.
/// </summary>
internal sealed class SuiteProgressLine(TextWriter writer, bool interactive) : IProgress<SuiteProgress>
{
    private DateTime last = DateTime.MinValue;
    private string? pass;
    private bool open;

    /// <inheritdoc/>
    public void Report(SuiteProgress value) => Report(value, "");

    /// <summary>Shows <paramref name="p"/>, its pass named after <paramref name="prefix"/> (e.g. the suite's name and ": ").</summary>
    public void Report(SuiteProgress p, string prefix)
    {
        var name = prefix + (p.Plugin is null
            ? "clean pass"
            : $"plugin {p.PluginIndex}/{p.PluginCount} {p.Plugin} ({p.Kind}{(p.Severity is null ? "" : $", severity {p.Severity.Level} {p.Severity.Label}")})");
        if (!interactive)
        {
            if (name == pass) return;
            pass = name;
            writer.WriteLine(name);
            return;
        }
        if ((DateTime.UtcNow - last).TotalMilliseconds < 100 && p.Batch != p.Batches) return;
        last = DateTime.UtcNow;
        writer.Write($"\r{name}  batch {p.Batch}/{p.Batches}\u001b[K");
        open = true;
    }

    /// <summary>Ends the in-place line, if one is open, so that other output starts on a fresh line.</summary>
    public void Finish()
    {
        if (!open) return;
        writer.WriteLine();
        open = false;
    }
}
