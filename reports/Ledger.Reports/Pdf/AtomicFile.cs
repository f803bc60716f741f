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

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
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
