using System.Text;
using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Outcomes;

/// <summary>
/// A file of evidence attached to a claim (R20). The file itself is kept by content (its SHA-256), so
/// it cannot be changed afterwards without the hash showing it; this record says what it shows.
/// </summary>
public sealed class EvidenceFile
{
    private EvidenceFile()
    {
        Describes = string.Empty;
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        AddedBy = string.Empty;
    }

    /// <summary>The file's id.</summary>
    public EvidenceFileId Id { get; private set; }

    /// <summary>The claim it supports.</summary>
    public OutcomeClaimId Claim { get; private set; }

    /// <summary>Which required evidence it is, as the outcome names it (e.g. "school attendance record").</summary>
    public string Describes { get; private set; }

    /// <summary>Eligibility, work done or outcome achieved.</summary>
    public EvidencePurpose Purpose { get; private set; }

    /// <summary>The name it was uploaded with.</summary>
    public string FileName { get; private set; }

    /// <summary>Its checked type, e.g. "application/pdf".</summary>
    public string ContentType { get; private set; }

    /// <summary>Its size in bytes.</summary>
    public long Size { get; private set; }

    /// <summary>The SHA-256 of its content, lower-case hex: where it is stored and how it is checked.</summary>
    public string Sha256 { get; private set; }

    /// <summary>Who attached it.</summary>
    public string AddedBy { get; private set; }

    /// <summary>When it was attached.</summary>
    public Instant AddedAt { get; private set; }

    /// <summary>Records a checked file.</summary>
    public static Result<EvidenceFile> Record(EvidenceFileId id, OutcomeClaimId claim, string describes, EvidencePurpose purpose, string fileName, string contentType,
        long size, string sha256, string addedBy, Instant now) =>
        string.IsNullOrWhiteSpace(describes) || describes.Length > 200 || !Enum.IsDefined(purpose) || string.IsNullOrWhiteSpace(addedBy) || addedBy.Length > 100
            || sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)
            ? Result<EvidenceFile>.Fail(BudgetErrorCode.InvalidRequest, "Evidence needs what it shows (up to 200 characters), its purpose and who attached it.")
            : new EvidenceFile
            {
                Id = id, Claim = claim, Describes = describes.Trim(), Purpose = purpose, FileName = Path.GetFileName(fileName), ContentType = contentType, Size = size,
                Sha256 = sha256, AddedBy = addedBy.Trim(), AddedAt = now,
            };
}

/// <summary>Which evidence files are accepted (R20): the size limit and the allowed types, checked by content, not by name alone.</summary>
public static class EvidencePolicy
{
    /// <summary>The default size limit: 10 MiB.</summary>
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    private static readonly (string Extension, string ContentType, byte[]? Magic)[] Allowed =
    [
        (".pdf", "application/pdf", "%PDF-"u8.ToArray()),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".txt", "text/plain", null),
        (".csv", "text/csv", null),
    ];

    /// <summary>The extensions accepted, for messages and help.</summary>
    public static string AllowedExtensions => string.Join(", ", Allowed.Select(a => a.Extension));

    /// <summary>
    /// Checks a file by name, size and content; gives its content type. Text files must be UTF-8 without
    /// control characters other than tab and line ends; other types must start with their signature.
    /// </summary>
    public static Result<string> Check(string fileName, ReadOnlySpan<byte> content, long maxBytes = DefaultMaxBytes)
    {
        if (content.Length == 0)
        {
            return Result<string>.Fail(BudgetErrorCode.EvidenceTypeNotAllowed, "The evidence file is empty.");
        }

        if (content.Length > maxBytes)
        {
            return Result<string>.Fail(BudgetErrorCode.EvidenceTooLarge, $"The evidence file is {content.Length:N0} bytes; the limit is {maxBytes:N0}.");
        }

        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        var rule = Allowed.FirstOrDefault(a => a.Extension == extension);
        if (rule.Extension is null)
        {
            return Result<string>.Fail(BudgetErrorCode.EvidenceTypeNotAllowed, $"'{extension}' files are not accepted as evidence; use {AllowedExtensions}.");
        }

        var matches = rule.Magic is { } magic ? content.StartsWith(magic) : IsPlainText(content);
        return matches
            ? rule.ContentType
            : Result<string>.Fail(BudgetErrorCode.EvidenceTypeNotAllowed, $"The file is named {extension} but its content is not a {rule.ContentType} file.");
    }

    // Valid UTF-8 with no control characters (C0, DEL or C1) other than tab and line ends: nothing that a terminal or viewer would act on.
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            return false;
        }

        foreach (var rune in System.Text.Encoding.UTF8.GetString(content).EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not (0x09 or 0x0A or 0x0D))
            {
                return false;
            }
        }

        return true;
    }
}
