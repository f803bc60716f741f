using System.Diagnostics;

namespace Ledger.Integration.Tests.Infrastructure;

/// <summary>Runs <c>qpdf --check</c> on a generated document: required in CI (.ci/run installs qpdf), skipped quietly elsewhere if it is missing.</summary>
internal static class Qpdf
{
    public static void Check(byte[] pdf)
    {
        var qpdf = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "qpdf")).FirstOrDefault(File.Exists);
        if (qpdf is null)
        {
            TestDatabase.IsCi.Should().BeFalse("CI installs qpdf (.ci/run)");
            return;
        }

        var file = Path.Combine(Path.GetTempPath(), $"ledger-qpdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(qpdf, ["--check", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.Should().Be(0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
