namespace AdvCam.Suites;

/// <summary>Finds a threshold file named in a test: an absolute path as it is; a relative one in the test assembly's
/// folder or the first of its parent folders that has it (so <c>models/x/thresholds.json</c> is found from
/// <c>bin/Debug/net10.0</c> in a repository), else in the current directory.</summary>
internal static class ThresholdFiles
{
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.IsPathRooted(path))
            return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"threshold file '{path}' does not exist", path);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        var current = Path.GetFullPath(path);
        if (File.Exists(current)) return current;
        throw new FileNotFoundException(
            $"threshold file '{path}' was found neither in '{AppContext.BaseDirectory}' or a folder above it, nor in the current directory", path);
    }
}
