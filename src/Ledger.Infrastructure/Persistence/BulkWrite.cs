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
/// Many rows in a few statements and one round trip: multi-row INSERTs and one CASE-per-column UPDATE,
/// written from the EF model (table, column names and value conversions) and sent together in the
/// context's current transaction when <see cref="ExecuteAsync"/> is called. The same SQL runs on SQLite,
/// PostgreSQL and SQL Server. The posting engine uses it for what a batch writes — entries, postings, holds,
/// legs, idempotency records, audit records, account balances — where one statement per row and a round
/// trip per SaveChanges would cost more than the rest of the batch together.
/// </summary>
internal sealed class BulkWrite(LedgerDbContext db)
{
    // SQL Server allows 2,100 parameters in a command; staying under it keeps one code path for all three.
    private const int MaxParameters = 2_000;

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly List<(string Text, List<(IProperty Property, object? Value)> Values, int Rows, string What)> _statements = [];

    /// <summary>Adds INSERTs of <paramref name="rows"/> (all of one entity type).</summary>
    public BulkWrite Insert<T>(IReadOnlyList<T> rows)
        where T : class => Insert(typeof(T), rows);

    /// <summary>Adds INSERTs of <paramref name="rows"/>, all of the entity type <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">The type has a shadow property, which has no value on the object to read.</exception>
    public BulkWrite Insert(Type type, IReadOnlyList<object> rows)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return this;
        }

        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new NotSupportedException($"{entity.DisplayName()}.{shadow.Name} is a shadow property; a bulk write cannot read it.");
        }

        var head = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} ("
            + string.Join(", ", columns.Select(c => _sql.DelimitIdentifier(c.GetColumnName(table)!))) + ") VALUES ";
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / columns.Count)))
        {
            var values = new List<(IProperty, object?)>(chunk.Length * columns.Count);
            var text = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    text.Append(c == 0 ? "{" : ", {").Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
                    values.Add((columns[c], columns[c].GetGetter().GetClrValue(chunk[r])));
                }

                text.Append(')');
            }

            _statements.Add((text.ToString(), values, chunk.Length, type.Name));
        }

        return this;
    }

    /// <summary>
    /// Adds an UPDATE of the modified properties of <paramref name="entries"/> (tracked, of one entity type
    /// with a one-column key and a concurrency token), checking each row's token as SaveChanges would, and
    /// marks them unchanged (the context will not write them again).
    /// </summary>
    public BulkWrite Update(IReadOnlyList<EntityEntry> entries)
    {
        if (entries.Count == 0)
        {
            return this;
        }

        var entity = entries[0].Metadata;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var token = entity.GetProperties().Single(p => p.IsConcurrencyToken);
        var changed = entity.GetProperties().Where(p => !p.IsPrimaryKey() && entries.Any(e => e.Property(p.Name).IsModified)).ToList();
        var keyColumn = _sql.DelimitIdentifier(key.GetColumnName(table)!);
        foreach (var chunk in entries.Chunk(Math.Max(1, MaxParameters / (changed.Count + 2))))
        {
            var values = new List<(IProperty, object?)>();
            string Add(IProperty property, object? value)
            {
                values.Add((property, value));
                return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
            }

            var keys = chunk.Select(e => Add(key, e.Property(key.Name).CurrentValue)).ToArray();
            string Case(IProperty property, Func<EntityEntry, object?> value) =>
                "CASE " + keyColumn + string.Concat(chunk.Select((e, i) => $" WHEN {keys[i]} THEN {Add(property, value(e))}")) + " END";

            var text = new StringBuilder("UPDATE ").Append(_sql.DelimitIdentifier(table.Name, table.Schema)).Append(" SET ");
            text.Append(string.Join(", ", changed.Select(p => _sql.DelimitIdentifier(p.GetColumnName(table)!) + " = " + Case(p, e => e.Property(p.Name).CurrentValue))));
            text.Append(" WHERE ").Append(keyColumn).Append(" IN (").Append(string.Join(", ", keys)).Append(") AND ")
                .Append(_sql.DelimitIdentifier(token.GetColumnName(table)!)).Append(" = ").Append(Case(token, e => e.Property(token.Name).OriginalValue));
            _statements.Add((text.ToString(), values, chunk.Length, entity.ClrType.Name));
        }

        foreach (var entry in entries)
        {
            entry.State = EntityState.Unchanged;
        }

        return this;
    }

    /// <summary>Sends everything added, in as few commands as the parameter limit allows (usually one), and checks every row was written.</summary>
    /// <exception cref="DbUpdateConcurrencyException">An updated row's token was no longer the one read: another writer got there first.</exception>
    public async Task ExecuteAsync(CancellationToken ct)
    {
        var start = 0;
        while (start < _statements.Count)
        {
            var end = start;
            var parameters = 0;
            while (end < _statements.Count && (end == start || parameters + _statements[end].Values.Count <= MaxParameters))
            {
                parameters += _statements[end++].Values.Count;
            }

            await SendAsync(_statements.GetRange(start, end - start), ct).ConfigureAwait(false);
            start = end;
        }

        _statements.Clear();
    }

    private async Task SendAsync(List<(string Text, List<(IProperty Property, object? Value)> Values, int Rows, string What)> statements, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            var text = new StringBuilder();
            foreach (var (statement, values, _, _) in statements)
            {
                var names = new object[values.Count];
                for (var i = 0; i < values.Count; i++)
                {
                    // The property's own type mapping makes the parameter, so value conversions (ids, NodaTime, enums as text) apply as in SaveChanges.
                    var name = "@b" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(values[i].Property.GetRelationalTypeMapping().CreateParameter(command, name, values[i].Value, values[i].Property.IsNullable));
                    names[i] = name;
                }

                text.Append(string.Format(CultureInfo.InvariantCulture, statement, names)).Append(";\n");
            }

            command.CommandText = text.ToString();
            var written = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            var expected = statements.Sum(s => s.Rows);
            if (written != expected)
            {
                // Inserts either write every row or fail; so a shortfall is an update whose token had moved on.
                throw new DbUpdateConcurrencyException(
                    $"{expected - written} of {expected} rows ({string.Join(", ", statements.Select(s => s.What).Distinct())}) were not written: "
                    + "a row changed since it was read.", []);
            }
        }
    }
}
