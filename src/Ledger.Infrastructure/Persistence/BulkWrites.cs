using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ledger.Infrastructure.Persistence;

/// <summary>
/// Many rows in a few statements: multi-row INSERTs and one CASE-per-column UPDATE, written from the EF
/// model (table, column names and value conversions), in the context's current transaction. The same SQL
/// runs on SQLite, PostgreSQL and SQL Server. The posting engine uses it for the parts of a batch that come
/// in dozens per request — postings, hold legs, idempotency records, account balances — where one
/// statement per row (what SaveChanges sends) would cost more than the rest of the batch together.
/// </summary>
internal static class BulkWrites
{
    // SQL Server allows 2,100 parameters in a statement; staying under it keeps one code path for all three.
    private const int MaxParameters = 2_000;

    /// <summary>Inserts <paramref name="rows"/> (all of one entity type) with as few statements as the parameter limit allows.</summary>
    public static async Task InsertAsync<T>(LedgerDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!))) + ") VALUES ";
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var command = await CommandAsync(db, ct).ConfigureAwait(false);
            await using (command.ConfigureAwait(false))
            {
                var text = new StringBuilder(head);
                for (var r = 0; r < chunk.Length; r++)
                {
                    text.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var value = columns[c].GetGetter().GetClrValue(chunk[r]);
                        text.Append(c == 0 ? string.Empty : ", ").Append(Parameter(command, columns[c], value));
                    }

                    text.Append(')');
                }

                command.CommandText = text.ToString();
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes the modified properties of <paramref name="entries"/> (tracked, of one entity type with a
    /// one-column key and a concurrency token) in one UPDATE per chunk, checking each row's token as
    /// SaveChanges would, then marks them unchanged.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">A row's token is no longer the one read: another writer got there first.</exception>
    public static async Task UpdateAsync(LedgerDbContext db, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var entity = entries[0].Metadata;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var token = entity.GetProperties().Single(p => p.IsConcurrencyToken);
        var changed = entity.GetProperties().Where(p => !p.IsPrimaryKey() && entries.Any(e => e.Property(p.Name).IsModified)).ToList();
        var perStatement = Math.Max(1, MaxParameters / (changed.Count + 2));
        foreach (var chunk in entries.Chunk(perStatement))
        {
            var command = await CommandAsync(db, ct).ConfigureAwait(false);
            await using (command.ConfigureAwait(false))
            {
                var keys = chunk.Select(e => Parameter(command, key, e.Property(key.Name).CurrentValue)).ToArray();
                var keyColumn = sql.DelimitIdentifier(key.GetColumnName(table)!);
                string Case(IProperty property, Func<EntityEntry, object?> value) =>
                    "CASE " + keyColumn + string.Concat(chunk.Select((e, i) => $" WHEN {keys[i]} THEN {Parameter(command, property, value(e))}")) + " END";

                var text = new StringBuilder("UPDATE ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" SET ");
                text.Append(string.Join(", ", changed.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!) + " = " + Case(p, e => e.Property(p.Name).CurrentValue))));
                text.Append(" WHERE ").Append(keyColumn).Append(" IN (").Append(string.Join(", ", keys)).Append(") AND ")
                    .Append(sql.DelimitIdentifier(token.GetColumnName(table)!)).Append(" = ").Append(Case(token, e => e.Property(token.Name).OriginalValue));
                command.CommandText = text.ToString();
                var updated = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (updated != chunk.Length)
                {
                    throw new DbUpdateConcurrencyException(
                        $"{chunk.Length - updated} of {chunk.Length} {entity.ClrType.Name} rows changed since they were read.");
                }
            }
        }

        foreach (var entry in entries)
        {
            entry.State = EntityState.Unchanged;
        }
    }

    private static async Task<DbCommand> CommandAsync(LedgerDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    // The property's own type mapping makes the parameter, so value conversions (ids, NodaTime, enums as text) apply as in SaveChanges.
    private static string Parameter(DbCommand command, IProperty property, object? value)
    {
        var name = "@b" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable));
        return name;
    }
}
