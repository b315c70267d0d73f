namespace AdvCam.Core.Data.Formats;

/// <summary>
/// Keeps data-set entries inside their root: names that are plain file-name parts (<see cref="Problem"/>), and
/// paths whose real location, every symbolic link followed as the kernel follows it, lies under the real root
/// (<see cref="RealPath"/>, <see cref="IsUnder"/>).
/// </summary>
internal static class ContainedPath
{
    /// <summary>Links followed in one path before it counts as a loop (Linux's limit).</summary>
    private const int MaxLinks = 40;

    /// <summary>Why <paramref name="name"/> cannot be an entry name (an id or split), or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Contains("..", StringComparison.Ordinal)) return "it contains '..'";
        if (name.Contains('/') || name.Contains('\\')) return "it contains a path separator";
        if (Path.IsPathRooted(name)) return "it is an absolute path";
        if (name.Any(char.IsControl)) return "it contains a control character";
        if (name != name.Trim()) return "it starts or ends with white space";
        if (name == ".") return "it is '.'";
        return null;
    }

    /// <summary>
    /// <paramref name="path"/> made absolute with every symbolic link resolved, component by component ('..' after
    /// a link goes to the link target's parent, as in the kernel). Components that do not exist are kept as written.
    /// </summary>
    /// <exception cref="IOException">More than 40 links were followed (a loop).</exception>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var top = Path.GetPathRoot(full) ?? "/";
        var pending = new List<string>(Split(full[top.Length..]));
        pending.Reverse(); // a stack: the next component last
        var current = top;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"too many levels of symbolic links in '{path}'");
            if (Path.IsPathRooted(target)) current = Path.GetPathRoot(target) ?? top;
            var parts = Split(target);
            for (var i = parts.Length - 1; i >= 0; i--) pending.Add(parts[i]);
        }
        return current;
    }

    /// <summary>Whether <paramref name="realPath"/> is <paramref name="realRoot"/> or lies under it (both from <see cref="RealPath"/>).</summary>
    public static bool IsUnder(string realPath, string realRoot)
    {
        if (string.Equals(realPath, realRoot, StringComparison.Ordinal)) return true;
        var prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return realPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string[] Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
