namespace Ledger.Reports.Pdf;

/// <summary>Writes a file by writing a temporary file in the same folder and moving it into place.</summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PdfWriteException($"Cannot write the PDF to '{path}': the path is not valid ({e.Message}).", e) { Path = path };
        }

        var folder = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new PdfWriteException($"Cannot write the PDF to '{path}': the folder '{folder}' does not exist.") { Path = path };
        }

        if (Directory.Exists(full))
        {
            throw new PdfWriteException($"Cannot write the PDF to '{path}': a folder of that name is there.") { Path = path };
        }

        // The writer's process id is in the name, so a later run knows a leftover from a file still being written.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new PdfWriteException($"Cannot write the PDF to '{path}': {e.Message}", e) { Path = path };
        }
    }

    /// <summary>
    /// Deletes the temporary files a process killed mid-write left in <paramref name="folder"/> (issue 9's crash tests):
    /// a document is only ever seen under its own name whole, and a run started again tidies what the crash left.
    /// A temporary file whose writer is still running (another run into the same folder) is left alone.
    /// </summary>
    public static int RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length >= 4 && int.TryParse(parts[^3], out var writer) && IsRunning(writer))
            {
                continue;
            }

            TryDelete(file);
            removed++;
        }

        return removed;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a temporary file that cannot be deleted
            // could not have been created either.
        }
    }
}
