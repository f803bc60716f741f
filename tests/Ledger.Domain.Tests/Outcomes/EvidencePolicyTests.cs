using System.Text;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Domain.Tests.Outcomes;

/// <summary>
/// Which evidence files a claim accepts (R20), checked by content and not by name alone: the signatures of
/// PDF, PNG and JPEG files, plain UTF-8 text without control characters, the size limit and the allowed
/// extensions; and the record of a checked file.
/// </summary>
public sealed class EvidencePolicyTests
{
    private static readonly Instant Now = Instant.FromUtc(2013, 3, 25, 9, 0);

    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00];
    private static readonly byte[] ExeBytes = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static BudgetError Refused(Result<string> result)
    {
        result.Succeeded.Should().BeFalse("the file is not acceptable evidence");
        return result.Error!;
    }

    // ---- Accepted types ----

    public static TheoryData<string, byte[], string> GoodFiles => new()
    {
        { "attendance.pdf", PdfBytes, "application/pdf" },
        { "ATTENDANCE.PDF", PdfBytes, "application/pdf" },
        { "scan.png", PngBytes, "image/png" },
        { "photo.jpg", JpegBytes, "image/jpeg" },
        { "photo.JPEG", JpegBytes, "image/jpeg" },
        { "register.csv", Utf8("week,days attended\r\n2013-01-07,5\r\n2013-01-14,4\r\n"), "text/csv" },
        { "note.txt", Utf8("Attended all sessions.\tSigned: keyworker\nCafé – naïve – 😀\n"), "text/plain" },
        { "bom.txt", [0xEF, 0xBB, 0xBF, .. Utf8("with a byte order mark")], "text/plain" },
        { "uploads/2013/march/report.pdf", PdfBytes, "application/pdf" },
        { "x.pdf", "%PDF-"u8.ToArray(), "application/pdf" }, // the signature alone is enough
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void Check_FileWhoseContentMatchesItsExtension_GivesItsContentType_R20(string fileName, byte[] content, string contentType) =>
        EvidencePolicy.Check(fileName, content).Value.Should().Be(contentType);

    [Fact]
    public void AllowedExtensions_ArePdfPngJpegTextAndCsv_R20() =>
        EvidencePolicy.AllowedExtensions.Should().Be(".pdf, .png, .jpg, .jpeg, .txt, .csv");

    // ---- Wrong content for the extension ----

    public static TheoryData<string, byte[], string> MisnamedFiles => new()
    {
        { "scan.pdf", PngBytes, "The file is named .pdf but its content is not a application/pdf file." },
        { "invoice.pdf", ExeBytes, "The file is named .pdf but its content is not a application/pdf file." },
        { "short.pdf", "%PDF"u8.ToArray(), "The file is named .pdf but its content is not a application/pdf file." },
        { "lower.pdf", "%pdf-1.4"u8.ToArray(), "The file is named .pdf but its content is not a application/pdf file." },
        { "report.png", PdfBytes, "The file is named .png but its content is not a image/png file." },
        { "half.png", PngBytes[..7], "The file is named .png but its content is not a image/png file." },
        { "photo.jpg", PngBytes, "The file is named .jpg but its content is not a image/jpeg file." },
        { "photo.jpeg", [0xFF, 0xD8], "The file is named .jpeg but its content is not a image/jpeg file." },
        { "notes.txt", PdfBytes[..4].Concat(new byte[] { 0x00, 0x01 }).ToArray(), "The file is named .txt but its content is not a text/plain file." },
        { "data.csv", ExeBytes, "The file is named .csv but its content is not a text/csv file." },
        { "PHOTO.JPG", Utf8("not a picture"), "The file is named .jpg but its content is not a image/jpeg file." },
    };

    [Theory]
    [MemberData(nameof(MisnamedFiles))]
    public void Check_FileWhoseContentIsNotWhatItsExtensionSays_IsRefused_R20(string fileName, byte[] content, string message)
    {
        var error = Refused(EvidencePolicy.Check(fileName, content));
        error.Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
        error.Message.Should().Be(message);
    }

    // ---- Text: UTF-8 and control characters ----

    [Theory]
    [InlineData(0x00)] // NUL
    [InlineData(0x07)] // bell
    [InlineData(0x08)] // backspace
    [InlineData(0x0B)] // vertical tab
    [InlineData(0x0C)] // form feed
    [InlineData(0x1B)] // escape, as in a terminal escape sequence
    [InlineData(0x1F)]
    public void Check_TextWithAControlCharacter_IsRefused_R20(byte control)
    {
        Refused(EvidencePolicy.Check("note.txt", [.. Utf8("Attended"), control, .. Utf8("all sessions")])).Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
        Refused(EvidencePolicy.Check("register.csv", [.. Utf8("a,b"), control])).Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
    }

    [Theory]
    [InlineData(0x09)] // tab
    [InlineData(0x0A)] // line feed
    [InlineData(0x0D)] // carriage return
    public void Check_TextWithTabsAndLineEnds_IsAccepted_R20(byte allowed) =>
        EvidencePolicy.Check("note.txt", [.. Utf8("Attended"), allowed, .. Utf8("all sessions")]).Value.Should().Be("text/plain");

    [Theory]
    [InlineData(new byte[] { 0x41, 0xC3, 0x28 })]       // a two-byte sequence with a bad continuation
    [InlineData(new byte[] { 0x41, 0x80 })]             // a lone continuation byte
    [InlineData(new byte[] { 0xC0, 0xAF })]             // an overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // a UTF-16 surrogate encoded in UTF-8
    [InlineData(new byte[] { 0x41, 0xE2, 0x82 })]       // a truncated '€'
    [InlineData(new byte[] { 0xFF, 0xFE, 0x41, 0x00 })] // UTF-16 with a byte order mark
    public void Check_TextThatIsNotValidUtf8_IsRefused_R20(byte[] content)
    {
        var error = Refused(EvidencePolicy.Check("note.txt", content));
        error.Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
        error.Message.Should().Be("The file is named .txt but its content is not a text/plain file.");
    }

    [Fact]
    public void Check_TextWithDeleteCharacter_IsRefused_R20() =>
        Refused(EvidencePolicy.Check("note.txt", [.. Utf8("Attended"), 0x7F, .. Utf8("all sessions")])).Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);

    [Fact]
    public void Check_TextWithAC1ControlCharacter_IsRefused_R20() =>
        Refused(EvidencePolicy.Check("note.txt", Utf8("Attended\u009B31mall sessions"))).Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);

    // ---- Size ----

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, true)] // exactly the limit
    [InlineData(11, false)]
    public void Check_FileUpToTheSizeLimit_IsAccepted_OneByteMoreIsTooLarge_R20(int size, bool accepted)
    {
        var result = EvidencePolicy.Check("note.txt", Utf8(new string('a', size)), maxBytes: 10);
        result.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            result.Error!.Code.Should().Be(BudgetErrorCode.EvidenceTooLarge);
            result.Error.Message.Should().Be("The evidence file is 11 bytes; the limit is 10.");
        }
    }

    [Fact]
    public void Check_DefaultLimitIsTenMebibytes_R20()
    {
        EvidencePolicy.DefaultMaxBytes.Should().Be(10_485_760);
        var atLimit = new byte[EvidencePolicy.DefaultMaxBytes];
        PdfBytes.CopyTo(atLimit, 0);
        EvidencePolicy.Check("big.pdf", atLimit).Value.Should().Be("application/pdf");

        var overLimit = new byte[EvidencePolicy.DefaultMaxBytes + 1];
        PdfBytes.CopyTo(overLimit, 0);
        var error = Refused(EvidencePolicy.Check("big.pdf", overLimit));
        error.Code.Should().Be(BudgetErrorCode.EvidenceTooLarge);
        error.Message.Should().Be("The evidence file is 10,485,761 bytes; the limit is 10,485,760.");
    }

    [Fact]
    public void Check_TooLargeIsReportedBeforeTheType_R20() =>
        Refused(EvidencePolicy.Check("virus.exe", ExeBytes, maxBytes: 4)).Code.Should().Be(BudgetErrorCode.EvidenceTooLarge);

    [Fact]
    public void Check_EmptyFile_IsRefused_R20()
    {
        var error = Refused(EvidencePolicy.Check("note.txt", []));
        error.Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
        error.Message.Should().Be("The evidence file is empty.");
    }

    // ---- Unknown extensions ----

    [Theory]
    [InlineData("virus.exe", ".exe")]
    [InlineData("letter.docx", ".docx")]
    [InlineData("scan.tiff", ".tiff")]
    [InlineData("report.pdf.exe", ".exe")]
    [InlineData("report.pdf.zip", ".zip")]
    [InlineData("pdf", "")]
    [InlineData("README", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Check_UnknownExtension_IsRefusedWhateverTheContent_R20(string? fileName, string extension)
    {
        var error = Refused(EvidencePolicy.Check(fileName!, PdfBytes));
        error.Code.Should().Be(BudgetErrorCode.EvidenceTypeNotAllowed);
        error.Message.Should().Be($"'{extension}' files are not accepted as evidence; use .pdf, .png, .jpg, .jpeg, .txt, .csv.");
    }

    // ---- The record of a checked file ----

    private static readonly string Sha = new('a', 64);

    [Fact]
    public void EvidenceFile_Record_KeepsTheFileNameWithoutItsFolders_AndTrimsWhatItShows_R20()
    {
        var claim = OutcomeClaimId.New();
        var file = EvidenceFile.Record(EvidenceFileId.New(), claim, "  school attendance record ", EvidencePurpose.Outcome, "uploads/2013/register.pdf",
            "application/pdf", 12_345, Sha, " provider.keyworker ", Now).Value!;
        file.Claim.Should().Be(claim);
        file.Describes.Should().Be("school attendance record");
        file.Purpose.Should().Be(EvidencePurpose.Outcome);
        file.FileName.Should().Be("register.pdf");
        file.ContentType.Should().Be("application/pdf");
        file.Size.Should().Be(12_345);
        file.Sha256.Should().Be(Sha);
        file.AddedBy.Should().Be("provider.keyworker");
        file.AddedAt.Should().Be(Now);
    }

    public static TheoryData<string, string, EvidencePurpose, string, string> BadRecords => new()
    {
        { "nothing said about what it shows", " ", EvidencePurpose.Work, "keyworker", new string('a', 64) },
        { "201 characters about what it shows", new string('d', 201), EvidencePurpose.Work, "keyworker", new string('a', 64) },
        { "an unknown purpose", "register", (EvidencePurpose)7, "keyworker", new string('a', 64) },
        { "nobody attached it", "register", EvidencePurpose.Eligibility, "", new string('a', 64) },
        { "a 101-character name", "register", EvidencePurpose.Eligibility, new string('k', 101), new string('a', 64) },
        { "a hash one character short", "register", EvidencePurpose.Eligibility, "keyworker", new string('a', 63) },
        { "a hash one character long", "register", EvidencePurpose.Eligibility, "keyworker", new string('a', 65) },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void EvidenceFile_Record_WithoutWhatItShowsItsPurposeWhoOrItsHash_IsRefused_R20(string why, string describes, EvidencePurpose purpose, string addedBy,
        string sha256) =>
        EvidenceFile.Record(EvidenceFileId.New(), OutcomeClaimId.New(), describes, purpose, "register.pdf", "application/pdf", 100, sha256, addedBy, Now).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest, why);
}
