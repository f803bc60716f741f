using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Ledger.Infrastructure.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> an API user sent with a POST: the request's fingerprint and, once the handler
/// answered, the response to replay. While <see cref="Status"/> is null the first request is still running.
/// </summary>
public sealed class ApiIdempotencyRecord
{
    /// <summary>The longest key accepted.</summary>
    public const int MaxKey = 100;

    private ApiIdempotencyRecord()
    {
        UserName = string.Empty;
        Key = string.Empty;
        Fingerprint = string.Empty;
    }

    /// <summary>Starts a record for a request now running.</summary>
    public ApiIdempotencyRecord(string userName, string key, string fingerprint, Instant startedAt)
    {
        UserName = userName;
        Key = key;
        Fingerprint = fingerprint;
        StartedAt = startedAt;
    }

    /// <summary>Whose key it is: keys are per user.</summary>
    public string UserName { get; private set; }

    /// <summary>The key as sent.</summary>
    public string Key { get; private set; }

    /// <summary>The request's method, path and the SHA-256 of its body.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>When the first request arrived.</summary>
    public Instant StartedAt { get; private set; }

    /// <summary>The response's status; null while the first request runs.</summary>
    public int? Status { get; private set; }

    /// <summary>The response's content type.</summary>
    public string? ContentType { get; private set; }

    /// <summary>The response's body.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>Records the response to replay.</summary>
    public void Complete(int status, string? contentType, byte[] body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }
}

/// <summary>What happened when a request claimed a key.</summary>
public enum KeyClaim
{
    /// <summary>The key is new: run the request and store its response.</summary>
    Claimed,

    /// <summary>The same request ran before: replay its stored response.</summary>
    Replay,

    /// <summary>The key was used for a different request.</summary>
    Reused,

    /// <summary>The first request with the key is still running.</summary>
    InFlight,
}

/// <summary>The API's idempotency keys, stored per user.</summary>
public sealed class ApiIdempotencyStore(IDbContextFactory<LedgerDbContext> contexts, IClock clock)
{
    /// <summary>Claims (<paramref name="userName"/>, <paramref name="key"/>) for a request, or says why not, with the stored record for a replay.</summary>
    public async Task<(KeyClaim Claim, ApiIdempotencyRecord? Stored)> ClaimAsync(string userName, string key, string fingerprint, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await contexts.ReadAsync(db => db.Set<ApiIdempotencyRecord>().SingleOrDefaultAsync(r => r.UserName == userName && r.Key == key, ct))
                .ConfigureAwait(false);
            if (existing is not null)
            {
                return existing.Fingerprint != fingerprint ? (KeyClaim.Reused, existing)
                    : existing.Status is null ? (KeyClaim.InFlight, existing)
                    : (KeyClaim.Replay, existing);
            }

            var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                db.Add(new ApiIdempotencyRecord(userName, key, fingerprint, RecordedTime.Truncate(clock.GetCurrentInstant())));
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    return (KeyClaim.Claimed, null);
                }
                catch (DbUpdateException e) when (attempt < 3 && (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsWriterConflict(e)))
                {
                    // Another request claimed the key between our read and our insert: read what it stored.
                }
            }
        }
    }

    /// <summary>Stores the response of the request that claimed the key.</summary>
    public async Task CompleteAsync(string userName, string key, int status, string? contentType, byte[] body, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var record = await db.Set<ApiIdempotencyRecord>().SingleAsync(r => r.UserName == userName && r.Key == key, ct).ConfigureAwait(false);
            record.Complete(status, contentType, body);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Gives the key up (the request failed), so it can be retried.</summary>
    public async Task ReleaseAsync(string userName, string key, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.Set<ApiIdempotencyRecord>().Where(r => r.UserName == userName && r.Key == key && r.Status == null)
                .ExecuteDeleteAsync(ct).ConfigureAwait(false);
        }
    }
}

internal sealed class ApiIdempotencyRecordConfiguration : IEntityTypeConfiguration<ApiIdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<ApiIdempotencyRecord> b)
    {
        b.ToTable("ApiIdempotencyKeys");
        b.HasKey(r => new { r.UserName, r.Key });
        b.Property(r => r.UserName).HasMaxLength(256);
        b.Property(r => r.Key).HasMaxLength(ApiIdempotencyRecord.MaxKey);
        b.Property(r => r.Fingerprint).HasMaxLength(600).IsRequired();
        b.Property(r => r.ContentType).HasMaxLength(200);
    }
}
