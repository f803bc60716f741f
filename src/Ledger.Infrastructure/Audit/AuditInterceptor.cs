using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Ledger.Application.Audit;
using Ledger.Domain;
using Ledger.Domain.Audit;
using Ledger.Domain.People;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;

namespace Ledger.Infrastructure.Audit;

/// <summary>
/// Records every state change written through <see cref="LedgerDbContext"/> in the audit trail: one
/// <see cref="AuditEntry"/> per added, changed or deleted record, added to the same SaveChanges and so
/// committed (or rolled back) with the change itself. It covers the pages, the API, the command line and
/// the jobs alike; who and where come from <see cref="AuditContext"/>. Entries are built from the change
/// tracker alone (no extra query, except once per area code to learn its id), and name records and changed
/// properties, never values. Writes that bypass the change tracker (ExecuteUpdate/ExecuteDelete) are not seen; the
/// posting engine, which writes in multi-row statements, records one entry per journal entry and hold itself
/// (<see cref="Added"/>): an entry's postings, a hold's legs and the accounts' balances are parts of them, checked by verify.
/// </summary>
public sealed class AuditInterceptor(IClock clock) : SaveChangesInterceptor
{
    // Property names that hold secrets: a change to them is recorded as "credentials", never by name or value.
    private static readonly HashSet<string> Secrets = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "AuthenticatorKey",
    };

    // Labels people search by, in order of preference; none of them is a personal detail.
    private static readonly string[] LabelProperties = ["Reference", "Code", "Number", "UserName", "Key"];

    private readonly ConcurrentDictionary<string, AreaId> _areas = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, List<AuditEntry>> _pending = [];

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LedgerDbContext db)
        {
            RecordAsync(db, sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is LedgerDbContext db)
        {
            await RecordAsync(db, sync: false, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
    }

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db)
        {
            _pending.Remove(db);
        }

        return result;
    }

    /// <inheritdoc />
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db)
        {
            _pending.Remove(db);
        }

        return ValueTask.FromResult(result);
    }

    // A failed save may be tried again on the same context: the entries made for it go, and are made afresh.
    private void Forget(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var made))
        {
            return;
        }

        foreach (var entry in made)
        {
            db.Entry(entry).State = EntityState.Detached;
        }

        _pending.Remove(db);
    }

    private async ValueTask RecordAsync(LedgerDbContext db, bool sync, CancellationToken ct)
    {
        var changed = new List<EntityEntry>();
        var explicitRead = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is AuditEntry audit)
            {
                explicitRead |= audit.Action == AuditAction.Read;
            }
            else if (entry.Entity is not Idempotency.ApiIdempotencyRecord)
            {
                changed.Add(entry);
            }
        }

        if (changed.Count == 0)
        {
            return;
        }

        var actor = AuditContext.Current;
        var now = RecordedTime.Truncate(clock.GetCurrentInstant());
        var areas = new AreaId?[changed.Count];
        AreaId? batchArea = null;
        for (var i = 0; i < changed.Count; i++)
        {
            areas[i] = await OwnAreaAsync(db, changed[i], sync, ct).ConfigureAwait(false);
            batchArea ??= areas[i];
        }

        var actorArea = actor.AreaCode is { } code ? await AreaAsync(db, code, sync, ct).ConfigureAwait(false) : null;
        var made = new List<AuditEntry>(changed.Count);
        for (var i = 0; i < changed.Count; i++)
        {
            var entry = changed[i];
            if (entry.Entity is PersonalDetailsRead && explicitRead)
            {
                continue;
            }

            var (action, detail) = entry.Entity is PersonalDetailsRead read && entry.State == EntityState.Added
                ? (AuditAction.Read, $"Purpose: {read.Purpose}")
                : (Action(entry.State), entry.State == EntityState.Modified ? ChangedProperties(entry) : null);
            made.Add(AuditEntry.Record(now, actor.UserName, actor.Role, areas[i] ?? actorArea ?? batchArea, action, What(entry), detail, actor.ClientAddress));
        }

        db.AddRange(made);
        _pending.AddOrUpdate(db, made);
    }

    /// <summary>
    /// The audit record of a record added without the change tracker (the posting engine writes its entries
    /// and holds in multi-row statements): the same who, where and what the interceptor would have written.
    /// </summary>
    internal static AuditEntry Added(EntityEntry entry, AreaId area, Instant now)
    {
        var actor = AuditContext.Current;
        return AuditEntry.Record(now, actor.UserName, actor.Role, area, AuditAction.Added, What(entry), null, actor.ClientAddress);
    }

    private static AuditAction Action(EntityState state) => state switch
    {
        EntityState.Added => AuditAction.Added,
        EntityState.Deleted => AuditAction.Deleted,
        _ => AuditAction.Modified,
    };

    private async ValueTask<AreaId?> OwnAreaAsync(LedgerDbContext db, EntityEntry entry, bool sync, CancellationToken ct)
    {
        if (entry.Entity is Area record)
        {
            return record.Id;
        }

        if (entry.Metadata.FindProperty("Area") is { } area && entry.Property(area.Name).CurrentValue is AreaId id)
        {
            return id;
        }

        return entry.Metadata.FindProperty("AreaCode") is { } code && entry.Property(code.Name).CurrentValue is string text && text.Length > 0
            ? await AreaAsync(db, text, sync, ct).ConfigureAwait(false)
            : null;
    }

    // Area codes never change, so each one's id is looked up once per process.
    private async ValueTask<AreaId?> AreaAsync(LedgerDbContext db, string code, bool sync, CancellationToken ct)
    {
        if (_areas.TryGetValue(code, out var known))
        {
            return known;
        }

        var query = db.Areas.AsNoTracking().Where(a => a.Code == code).Select(a => (AreaId?)a.Id);
        var found = sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (found is { } id)
        {
            _areas[code] = id;
        }

        return found;
    }

    private static string What(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType.Name;
        var tick = type.IndexOf('`', StringComparison.Ordinal);
        var name = tick < 0 ? type : type[..tick];
        foreach (var label in LabelProperties)
        {
            if (entry.Metadata.FindProperty(label) is { } property && entry.Property(property.Name).CurrentValue is string text && text.Length > 0)
            {
                return $"{name} {text}";
            }
        }

        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return name;
        }

        var builder = new StringBuilder(name).Append(' ');
        for (var i = 0; i < key.Properties.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : "/").Append(entry.Property(key.Properties[i].Name).CurrentValue);
        }

        return builder.ToString();
    }

    // The properties that changed. An entity marked modified as a whole (Update, or Attach then Modified) flags
    // every property; those whose value is the one read are left out, and when that leaves nothing but the
    // version (the entity was attached, so what it was is unknown here) every flagged property is named.
    private static string? ChangedProperties(EntityEntry entry)
    {
        var changed = Names(entry, onlyDifferent: true);
        return changed is null || changed == "Version" ? Names(entry, onlyDifferent: false) : changed;
    }

    private static string? Names(EntityEntry entry, bool onlyDifferent)
    {
        var builder = new StringBuilder();
        var credentials = false;
        foreach (var property in entry.Properties)
        {
            if (!property.IsModified || property.Metadata.IsPrimaryKey()
                || (onlyDifferent && property.Metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue)))
            {
                continue;
            }

            var name = property.Metadata.Name;
            if (Secrets.Contains(name))
            {
                credentials = true;
                continue;
            }

            builder.Append(builder.Length == 0 ? string.Empty : ", ").Append(name);
        }

        if (credentials)
        {
            builder.Append(builder.Length == 0 ? string.Empty : ", ").Append("credentials");
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
