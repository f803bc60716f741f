using System.Collections;
using System.Globalization;
using Ledger.Application.Simulation;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Simulation;

/// <summary>
/// Writes a <see cref="LargeDataSet"/> in bulk: table by table in dependency order, in chunks, each chunk on a fresh
/// context with change detection off. These contexts are built without the audit interceptor — one audit row per
/// generated record would double the data set and the time — so the writer records exactly one audit entry itself,
/// last, naming the sizes and seed and what was written (<see cref="LargeDataSetOptions.Marker"/>); that entry also tells
/// <see cref="ExistsAsync"/> that a data set was written completely. Works on every provider (EF Core batching).
/// </summary>
public sealed class LargeDataSetWriter(DatabaseOptions database, IClock clock)
{
    private const int Chunk = 4_000;

    /// <summary>True when a data set with these sizes and seed was completely written to the database.</summary>
    public async Task<bool> ExistsAsync(LargeDataSetOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var db = Context();
        await using (db.ConfigureAwait(false))
        {
            var marker = options.Marker;
            return await db.Set<AuditEntry>().AnyAsync(e => e.What == marker, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the data set; <paramref name="progress"/> hears each tenth of the rows. Refuses an area that already exists.</summary>
    /// <exception cref="InvalidOperationException">The area already exists in the database.</exception>
    public async Task WriteAsync(LargeDataSet data, string user, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var check = Context();
        await using (check.ConfigureAwait(false))
        {
            var code = data.Area.Code;
            if (await check.Areas.AnyAsync(a => a.Code == code, ct).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Area {code} already exists in this database; generate into another area (--area) or a new database.");
            }
        }

        IList[] tables =
        [
            new[] { data.Area }, data.Agencies, data.Streams, new[] { data.Pool }, data.Practitioners, data.Providers, data.Catalogue, data.Children,
            data.Caseloads, data.Budgets, data.Accounts.ToList(), data.Holds.ToList(), data.Entries.ToList(), data.IdempotencyRecords.ToList(),
            data.Allocations, data.Orders, data.Invoices, data.DelegatedMonths.ToList(),
        ];
        var total = tables.Sum(t => t.Count + (t is List<Domain.Accounting.JournalEntry> entries ? entries.Sum(e => e.Postings.Count) : 0)
            + (t is List<Domain.Accounting.Hold> holds ? holds.Sum(h => h.Legs.Count) : 0));
        long written = 0;
        var reported = 0;
        foreach (var table in tables)
        {
            for (var start = 0; start < table.Count; start += Chunk)
            {
                var db = Context();
                await using (db.ConfigureAwait(false))
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = false;
                    for (var i = start; i < Math.Min(table.Count, start + Chunk); i++)
                    {
                        var row = table[i]!;
                        db.Add(row);
                        written += 1 + row switch
                        {
                            Domain.Accounting.JournalEntry e => e.Postings.Count,
                            Domain.Accounting.Hold h => h.Legs.Count,
                            _ => 0,
                        };
                    }

                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }

                if (written * 10 / total > reported)
                {
                    reported = (int)(written * 10 / total);
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"written {written:N0} / {total:N0} rows ({reported * 10}%)"));
                }
            }
        }

        var audit = Context();
        await using (audit.ConfigureAwait(false))
        {
            audit.Add(AuditEntry.Record(RecordedTime.Truncate(clock.GetCurrentInstant()), user, "Generator", data.Area.Id, AuditAction.Added, data.Options.Marker,
                $"Bulk-written without per-record audit entries: {data.Summary}", null));
            await audit.SaveChangesAsync(ct).ConfigureAwait(false);
        }
    }

    // A context without the audit interceptor (see the class summary).
    private LedgerDbContext Context() => new(LedgerDatabase.Options(database));
}
