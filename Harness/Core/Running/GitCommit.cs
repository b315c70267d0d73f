using System.Text.RegularExpressions;

namespace AdvCam.Core.Running;

/// <summary>
/// The commit a Git checkout is at, read from its <c>.git</c> files (no <c>git</c> process): <c>HEAD</c>, the loose ref
/// it points at, or <c>packed-refs</c>; a worktree's <c>.git</c> file (<c>gitdir: ...</c>) and its <c>commondir</c> are
/// followed.
/// </summary>
public static partial class GitCommit
{
    /// <summary>
    /// The commit of the checkout containing <paramref name="directory"/>: the first folder, walking up, that has a
    /// <c>.git</c> folder or file. Null when there is none or it cannot be read.
    /// </summary>
    /// <param name="directory">Where to start.</param>
    public static string? Find(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit)) return Read(dotGit);
        }
        return null;
    }

    /// <summary>The commit <c>HEAD</c> of <paramref name="dotGit"/> (a <c>.git</c> folder, or a worktree's <c>.git</c> file)
    /// points at, as lower-case hex; null when it cannot be read (no commit yet, a broken ref, unreadable files).</summary>
    /// <param name="dotGit">The <c>.git</c> folder or file.</param>
    public static string? Read(string dotGit)
    {
        ArgumentNullException.ThrowIfNull(dotGit);
        try
        {
            var gitDir = dotGit;
            if (File.Exists(dotGit))
            {
                var line = File.ReadLines(dotGit).FirstOrDefault()?.Trim();
                if (line is null || !line.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
                gitDir = Path.GetFullPath(line["gitdir:".Length..].Trim(), Path.GetDirectoryName(Path.GetFullPath(dotGit))!);
            }
            if (!Directory.Exists(gitDir)) return null;
            var commonDir = gitDir;
            var commonFile = Path.Combine(gitDir, "commondir");
            if (File.Exists(commonFile)) commonDir = Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir);

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            for (var depth = 0; depth < 5 && head.StartsWith("ref:", StringComparison.Ordinal); depth++)
                head = Resolve(head["ref:".Length..].Trim(), gitDir, commonDir) ?? "";
            return IsHash(head) ? head.ToLowerInvariant() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What ref <paramref name="name"/> holds: a loose ref file (the worktree's own, then the common one), else its
    /// line in <c>packed-refs</c>.</summary>
    private static string? Resolve(string name, string gitDir, string commonDir)
    {
        if (name.Contains("..", StringComparison.Ordinal)) return null;
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, name);
            if (File.Exists(loose)) return File.ReadAllText(loose).Trim();
        }
        var packed = Path.Combine(commonDir, "packed-refs");
        if (!File.Exists(packed)) return null;
        foreach (var line in File.ReadLines(packed))
        {
            if (line.StartsWith('#') || line.StartsWith('^')) continue;
            var space = line.IndexOf(' ');
            if (space > 0 && line[(space + 1)..].Trim() == name) return line[..space];
        }
        return null;
    }

    private static bool IsHash(string text) => HashPattern().IsMatch(text);

    [GeneratedRegex("^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$")]
    private static partial Regex HashPattern();
}
