using System.Collections;
using System.Globalization;
using Ledger.Application.Simulation;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
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
    private const int Chunk = 50_000;

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

        // The few reference records go through EF; the large tables in bulk (COPY on PostgreSQL, the posting engine's multi-row inserts elsewhere).
        var reference = Context();
        await using (reference.ConfigureAwait(false))
        {
            reference.ChangeTracker.AutoDetectChangesEnabled = false;
            reference.Add(data.Area);
            reference.AddRange(data.Agencies);
            reference.AddRange(data.Streams);
            reference.Add(data.Pool);
            reference.AddRange(data.Practitioners);
            reference.AddRange(data.Providers);
            reference.AddRange(data.Catalogue);
            await reference.SaveChangesAsync(ct).ConfigureAwait(false);
        }

        IList[] tables =
        [
            data.Children, data.Caseloads, data.Budgets, data.Accounts.ToList(), data.Holds.ToList(), data.Holds.SelectMany(h => h.Legs).ToList(),
            data.Entries.ToList(), data.Entries.SelectMany(e => e.Postings).ToList(), data.IdempotencyRecords.ToList(), data.Allocations, data.Orders,
            data.Invoices, data.DelegatedMonths.ToList(),
        ];
        var total = tables.Sum(t => (long)t.Count);
        long written = 0;
        var reported = 0;
        foreach (var table in tables)
        {
            for (var start = 0; start < table.Count; start += Chunk)
            {
                var rows = Enumerable.Range(start, Math.Min(Chunk, table.Count - start)).Select(i => table[i]!).ToList();
                await BulkAsync(rows, ct).ConfigureAwait(false);
                written += rows.Count;
                if (written * 10 / total > reported)
                {
                    reported = (int)(written * 10 / total);
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"written {written:N0} / {total:N0} rows ({reported * 10}%)"));
                }
            }
        }

        // Fresh statistics, so the first queries on the new data are planned as later ones will be.
        if (database.Provider is DatabaseProvider.PostgreSql or DatabaseProvider.Sqlite)
        {
            progress?.Report("analysing the tables");
            var analyse = Context();
            await using (analyse.ConfigureAwait(false))
            {
                analyse.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await analyse.Database.ExecuteSqlRawAsync("ANALYZE", ct).ConfigureAwait(false);
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

    // Rows of one entity type, columns and values from the EF model (its value converters included), so the tables are
    // exactly what EF itself would write.
    private async Task BulkAsync(List<object> rows, CancellationToken ct)
    {
        var db = Context();
        await using (db.ConfigureAwait(false))
        {
            var type = db.Model.FindEntityType(rows[0].GetType()) ?? throw new InvalidOperationException($"{rows[0].GetType().Name} is not in the model.");
            var table = type.GetTableName()!;
            var properties = type.GetProperties().ToList();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            {
                throw new NotSupportedException($"{type.DisplayName()}.{shadow.Name} is a shadow property; the bulk writer cannot read it.");
            }

            var columns = string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""));
            var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
            var getters = properties.Select(p => p.GetGetter()).ToArray();
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
            {
                var import = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
                await using (import.ConfigureAwait(false))
                {
                    foreach (var row in rows)
                    {
                        await import.StartRowAsync(ct).ConfigureAwait(false);
                        for (var i = 0; i < getters.Length; i++)
                        {
                            var value = getters[i].GetClrValue(row);
                            await WriteAsync(import, value is null || mappings[i].Converter is not { } converter ? value : converter.ConvertToProvider(value), ct).ConfigureAwait(false);
                        }
                    }

                    await import.CompleteAsync(ct).ConfigureAwait(false);
                }

                return;
            }

            // Elsewhere the posting engine's own multi-row inserts, in one transaction per chunk.
            var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await new BulkWrite(db).Insert(type.ClrType, rows).ExecuteAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter import, object? value, CancellationToken ct) => value switch
    {
        null => import.WriteNullAsync(ct),
        Guid v => import.WriteAsync(v, NpgsqlDbType.Uuid, ct),
        long v => import.WriteAsync(v, NpgsqlDbType.Bigint, ct),
        int v => import.WriteAsync(v, NpgsqlDbType.Integer, ct),
        short v => import.WriteAsync(v, NpgsqlDbType.Smallint, ct),
        bool v => import.WriteAsync(v, NpgsqlDbType.Boolean, ct),
        string v => import.WriteAsync(v, NpgsqlDbType.Text, ct),
        DateOnly v => import.WriteAsync(v, NpgsqlDbType.Date, ct),
        DateTime v => import.WriteAsync(v, NpgsqlDbType.TimestampTz, ct),
        decimal v => import.WriteAsync(v, NpgsqlDbType.Numeric, ct),
        byte[] v => import.WriteAsync(v, NpgsqlDbType.Bytea, ct),
        _ => throw new NotSupportedException($"The bulk writer cannot write a {value.GetType().Name}."),
    };

    // A context without the audit interceptor (see the class summary).
    private LedgerDbContext Context() => new(LedgerDatabase.Options(database));
}
