using System.Diagnostics;
using UglyToad.PdfPig;

namespace Ledger.Reports.Tests.Support;

/// <summary>Reading generated PDFs back, and the external checks.</summary>
internal static class Pdfs
{
    /// <summary>Each page's text as PdfPig extracts it.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => p.Text).ToList();
    }

    /// <summary>Each page's words.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> PageWords(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (IReadOnlyList<string>)p.GetWords().Select(w => w.Text).ToList()).ToList();
    }

    /// <summary>
    /// Runs <c>qpdf --check</c>. Without qpdf on PATH the test is skipped, except in CI (CI=true),
    /// where .ci/run installs it and its absence is a failure.
    /// </summary>
    public static (int ExitCode, string Output) QpdfCheck(byte[] pdf)
    {
        var qpdf = FindOnPath("qpdf");
        if (qpdf is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("qpdf is not installed, but CI=true: .ci/run must install it (apt-get install -y qpdf).");
            }

            Assert.Skip("qpdf is not installed (apt-get install -y qpdf); skipped outside CI.");
        }

        var file = Path.Combine(Path.GetTempPath(), $"ledger-qpdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(qpdf, ["--check", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
