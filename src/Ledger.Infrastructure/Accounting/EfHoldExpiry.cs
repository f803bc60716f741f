using Ledger.Application.Accounting;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>
/// Finds open holds past their expiry time and expires each through the posting engine with the key
/// <c>expire:{hold}</c>, so two sweeps running at once (or twice) expire each hold exactly once.
/// </summary>
public sealed class EfHoldExpiry(IDbContextFactory<LedgerDbContext> contexts, IPostingService engine, IClock clock) : IHoldExpiry
{
    private const int BatchSize = 200;

    /// <inheritdoc />
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken = default)
    {
        var now = RecordedTime.Truncate(clock.GetCurrentInstant());
        List<Domain.HoldId> due;
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            due = await db.Holds.AsNoTracking()
                .Where(h => h.Status == HoldStatus.Open && h.ExpiresAt != null && h.ExpiresAt <= now)
                .OrderBy(h => h.ExpiresAt).Select(h => h.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var expired = 0;
        foreach (var chunk in due.Chunk(BatchSize))
        {
            var outcomes = await engine.ExecuteAsync(chunk.Select(h => (LedgerCommand)new ExpireHold($"expire:{h}", h)).ToList(), cancellationToken)
                .ConfigureAwait(false);
            expired += outcomes.Count(o => o.Succeeded && !o.Replayed);
        }

        return expired;
    }
}
