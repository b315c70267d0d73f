namespace AdvCam.Core;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the bytes go to a temporary
/// file in the same folder (flushed to disk), which then replaces the target in one rename.
/// </summary>
internal static class AtomicWrite
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, replacing any existing file; the folder must exist.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' names no file", nameof(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Best effort: the original error matters more than a stray temporary file.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
            throw;
        }
    }
}
