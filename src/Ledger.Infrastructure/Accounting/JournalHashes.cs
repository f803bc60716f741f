using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// The hashes of the journal's seal chain. An entry's canonical text is built only from values every
/// provider returns exactly (ids as GUIDs, dates as ISO dates, instants as whole ticks since the Unix
/// epoch, amounts as integer pence, text length-prefixed), so the same entry hashes the same on SQLite,
/// PostgreSQL and SQL Server, and a database copied between them still verifies.
/// </summary>
public static class JournalHashes
{
    /// <summary>The chain hash before an area's first link.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry's canonical text: its own fields, then its postings by line.</summary>
    public static string CanonicalText(JournalEntryId id, AreaId area, LocalDate effectiveDate, Instant recordedAt, EntryKind kind,
        string description, string idempotencyKey, JournalEntryId? reverses, HoldId? settlesHold,
        IEnumerable<(int Line, AccountId Account, FundingStreamId Stream, long Amount)> postings)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        ArgumentNullException.ThrowIfNull(postings);
        var text = new StringBuilder(256);
        var c = CultureInfo.InvariantCulture;
        text.Append("ledger-journal-entry/1\n");
        text.Append(c, $"id={id.Value:D}\n");
        text.Append(c, $"area={area.Value:D}\n");
        text.Append(c, $"effective={effectiveDate.Year:D4}-{effectiveDate.Month:D2}-{effectiveDate.Day:D2}\n");
        text.Append(c, $"recorded={recordedAt.ToUnixTimeTicks()}\n");
        text.Append(c, $"kind={kind}\n");
        // Length-prefixed, so no description can imitate the fields after it.
        text.Append(c, $"description={description.Length}:{description}\n");
        text.Append(c, $"key={idempotencyKey.Length}:{idempotencyKey}\n");
        text.Append(c, $"reverses={(reverses is { } r ? r.Value.ToString("D") : "-")}\n");
        text.Append(c, $"settles={(settlesHold is { } h ? h.Value.ToString("D") : "-")}\n");
        foreach (var p in postings.OrderBy(p => p.Line).ThenBy(p => p.Account.Value).ThenBy(p => p.Amount))
        {
            text.Append(c, $"posting={p.Line}|{p.Account.Value:D}|{p.Stream.Value:D}|{p.Amount}\n");
        }

        return text.ToString();
    }

    /// <summary>SHA-256 of the canonical text, lower-case hex.</summary>
    public static string EntryHash(string canonicalText) => Sha256(canonicalText);

    /// <summary>The next link's chain hash: SHA-256 of the previous chain hash followed by the entry hash.</summary>
    public static string ChainHash(string previousChainHash, string entryHash) => Sha256(previousChainHash + entryHash);

    /// <summary>
    /// Loads the entries with these ids and their postings (two queries) and returns each one's recorded-at
    /// instant and entry hash. An id with no entry is absent from the result.
    /// </summary>
    internal static async Task<Dictionary<JournalEntryId, (Instant RecordedAt, string Hash)>> LoadAsync(LedgerDbContext db,
        IReadOnlyCollection<JournalEntryId> ids, CancellationToken ct)
    {
        var result = new Dictionary<JournalEntryId, (Instant, string)>(ids.Count);
        if (ids.Count == 0)
        {
            return result;
        }

        var list = ids.ToList();
        var entries = await db.JournalEntries.AsNoTracking().Where(e => list.Contains(e.Id))
            .Select(e => new { e.Id, e.Area, e.EffectiveDate, e.RecordedAt, e.Kind, e.Description, e.IdempotencyKey, e.Reverses, e.SettlesHold })
            .ToListAsync(ct).ConfigureAwait(false);
        var postings = (await db.Postings.AsNoTracking().Where(p => list.Contains(p.Entry))
                .Select(p => new { p.Entry, p.Line, p.Account, p.Stream, p.Amount })
                .ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(p => p.Entry, p => (p.Line, p.Account, p.Stream, p.Amount));
        foreach (var e in entries)
        {
            var text = CanonicalText(e.Id, e.Area, e.EffectiveDate, e.RecordedAt, e.Kind, e.Description, e.IdempotencyKey, e.Reverses, e.SettlesHold, postings[e.Id]);
            result[e.Id] = (e.RecordedAt, EntryHash(text));
        }

        return result;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
