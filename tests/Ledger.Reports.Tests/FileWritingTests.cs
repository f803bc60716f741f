using Ledger.Reports.Pdf;
using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

/// <summary>Writing goes through a temporary file in the same folder; failures leave nothing behind.</summary>
public sealed class FileWritingTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("ledger-reports-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Writing_a_document_creates_the_file_and_no_temporary_file()
    {
        var path = Path.Combine(folder.FullName, "statement.pdf");

        Samples.Statement().WritePdf(path);

        File.ReadAllBytes(path).Should().Equal(Samples.Statement().GeneratePdf());
        folder.GetFiles().Select(f => f.Name).Should().Equal("statement.pdf");
    }

    [Fact]
    public void Leftovers_OfAKilledWriter_AreRemoved_ButARunningWritersAreKept()
    {
        // Process ids are below 2^22 on Linux: int.MaxValue is never a running process.
        var dead = Path.Combine(folder.FullName, $".statement.pdf.{int.MaxValue}.0123456789abcdef.tmp");
        var running = Path.Combine(folder.FullName, $".other.pdf.{Environment.ProcessId}.0123456789abcdef.tmp");
        File.WriteAllText(dead, "half a PDF");
        File.WriteAllText(running, "being written");
        File.WriteAllText(Path.Combine(folder.FullName, "kept.pdf"), "%PDF");

        AtomicFile.RemoveLeftovers(folder.FullName).Should().Be(1);

        folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).Should().Equal(".other.pdf." + Environment.ProcessId + ".0123456789abcdef.tmp", "kept.pdf");
    }

    [Fact]
    public void Writing_replaces_an_existing_file_whole()
    {
        var path = Path.Combine(folder.FullName, "statement.pdf");
        File.WriteAllText(path, new string('x', 500_000));

        Samples.Statement().WritePdf(path);

        File.ReadAllBytes(path).Should().Equal(Samples.Statement().GeneratePdf());
    }

    [Fact]
    public void Writing_into_a_missing_folder_fails_clearly_and_leaves_no_file()
    {
        var path = Path.Combine(folder.FullName, "no-such-folder", "statement.pdf");

        var write = () => Samples.Statement().WritePdf(path);

        write.Should().Throw<PdfWriteException>()
            .WithMessage("Cannot write the PDF to '*statement.pdf': the folder '*no-such-folder' does not exist.")
            .Which.Path.Should().Be(path);
        File.Exists(path).Should().BeFalse();
        folder.GetFileSystemInfos().Should().BeEmpty();
    }

    [Fact]
    public void Writing_over_a_folder_fails_clearly_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(folder.FullName, "taken");
        Directory.CreateDirectory(path);

        var write = () => Samples.Statement().WritePdf(path);

        write.Should().Throw<PdfWriteException>().WithMessage("*a folder of that name is there*");
        folder.GetFiles().Should().BeEmpty();
    }

    [Fact]
    public void Writing_where_no_file_can_be_created_fails_clearly_and_leaves_no_file()
    {
        // Even root cannot create files under /proc; elsewhere use a read-only file in the way.
        Assert.SkipUnless(OperatingSystem.IsLinux() && Directory.Exists("/proc/self"), "needs Linux /proc");
        const string path = "/proc/self/statement.pdf";

        var write = () => Samples.Statement().WritePdf(path);

        write.Should().Throw<PdfWriteException>().WithMessage("Cannot write the PDF to '/proc/self/statement.pdf': *")
            .WithInnerException<Exception>();
        File.Exists(path).Should().BeFalse();
        Directory.GetFiles("/proc/self", "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void A_document_that_cannot_be_laid_out_writes_nothing()
    {
        var path = Path.Combine(folder.FullName, "broken.pdf");
        var document = Document.Create(Layout.Meta).Page(p => p.Content(c => c.Row(r =>
        {
            r.FixedItem(400).Text("left");
            r.FixedItem(400).Text("right");
        })));

        var write = () => document.WritePdf(path);

        write.Should().Throw<LayoutException>().WithMessage("A row needs 800 pt for its fixed widths*");
        folder.GetFileSystemInfos().Should().BeEmpty();
    }
}
