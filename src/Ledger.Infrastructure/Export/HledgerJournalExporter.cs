using System.Globalization;
using Ledger.Domain;
using Ledger.Infrastructure.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Text;

namespace Ledger.Infrastructure.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Entries">Transactions written.</param>
/// <param name="Postings">Posting lines written.</param>
/// <param name="Accounts">Accounts declared.</param>
public sealed record ExportSummary(long Entries, long Postings, int Accounts);

/// <summary>
/// Writes the whole journal in hledger's journal format: one transaction per entry dated by its
/// effective date, account names <c>kind:area:owner:stream</c>, amounts in GBP with two decimals
/// (debits positive). Accounts and the commodity are declared, so <c>hledger check --strict</c> passes.
/// </summary>
public sealed class HledgerJournalExporter(IDbContextFactory<LedgerDbContext> contexts)
{
    /// <summary>Streams the journal to <paramref name="writer"/>.</summary>
    public async Task<ExportSummary> ExportAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            await using var snapshot = await Snapshot.BeginAsync(db, cancellationToken).ConfigureAwait(false);
            var names = await AccountNames.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            var accounts = await db.Accounts.ToDictionaryAsync(a => a.Id, a => names.NameOf(a), cancellationToken).ConfigureAwait(false);

            await writer.WriteLineAsync("; Ledger journal export (hledger format). Amounts in GBP; debits positive.").ConfigureAwait(false);
            await writer.WriteLineAsync("commodity 1,000.00 GBP").ConfigureAwait(false);
            foreach (var name in accounts.Values.Order(StringComparer.Ordinal))
            {
                await writer.WriteLineAsync($"account {name}").ConfigureAwait(false);
            }

            await writer.WriteLineAsync().ConfigureAwait(false);

            var rows = db.Postings
                .Join(db.JournalEntries, p => p.Entry, e => e.Id, (p, e) => new
                {
                    e.Id, e.EffectiveDate, e.RecordedAt, e.Description, e.Reverses, e.SettlesHold, p.Line, p.Account, p.Amount,
                })
                .OrderBy(x => x.EffectiveDate).ThenBy(x => x.RecordedAt).ThenBy(x => x.Id).ThenBy(x => x.Line)
                .AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);

            JournalEntryId? current = null;
            long entries = 0, postings = 0;
            await foreach (var row in rows)
            {
                if (current != row.Id)
                {
                    if (current is not null)
                    {
                        await writer.WriteLineAsync().ConfigureAwait(false);
                    }

                    current = row.Id;
                    entries++;
                    var tags = $"entry:{row.Id}, recorded:{InstantPattern.ExtendedIso.Format(row.RecordedAt)}"
                        + (row.Reverses is { } r ? $", reverses:{r}" : string.Empty)
                        + (row.SettlesHold is { } h ? $", hold:{h}" : string.Empty);
                    await writer.WriteLineAsync(
                        $"{LocalDatePattern.Iso.Format(row.EffectiveDate)} * {Clean(row.Description)}  ; {tags}").ConfigureAwait(false);
                }

                postings++;
                await writer.WriteLineAsync(
                    $"    {accounts[row.Account]}  {(row.Amount / 100m).ToString("0.00", CultureInfo.InvariantCulture)} GBP").ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new ExportSummary(entries, postings, accounts.Count);
        }
    }

    // hledger ends a description at ';' and a line at a newline, and reads a leading "(...)" as a transaction code.
    private static string Clean(string description)
    {
        var text = description.Replace(';', ',').Replace('\r', ' ').Replace('\n', ' ').Trim();
        return text.StartsWith('(') ? "[" + text[1..] : text;
    }
}
