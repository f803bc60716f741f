using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Ledger.Infrastructure.Accounting;

/// <summary>Balances now and "as at" either time axis, read from the postings (R24).</summary>
public sealed class EfBalanceQueries(IDbContextFactory<LedgerDbContext> contexts) : IBalanceQueries
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<AccountBalance>> ListAsync(string? areaCode = null, CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var names = await AccountNames.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            var area = areaCode is null ? null : await db.Areas.AsNoTracking().Where(a => a.Code == areaCode).Select(a => (AreaId?)a.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (areaCode is not null && area is null)
            {
                return [];
            }

            var accounts = await db.Accounts.AsNoTracking().Where(a => area == null || a.Area == area).ToListAsync(cancellationToken).ConfigureAwait(false);
            return accounts
                .Select(a => new AccountBalance(a.Id, names.NameOf(a), a.Kind, a.PostedBalance, a.HeldAmount, a.Available, a.Version))
                .OrderBy(b => b.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <inheritdoc />
    public async Task<AccountBalance?> GetAsync(AccountId account, CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var a = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == account, cancellationToken).ConfigureAwait(false);
            if (a is null)
            {
                return null;
            }

            var names = await AccountNames.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            return new AccountBalance(a.Id, names.NameOf(a), a.Kind, a.PostedBalance, a.HeldAmount, a.Available, a.Version);
        }
    }

    /// <inheritdoc />
    public async Task<Money> PostedAsAtEffectiveDateAsync(AccountId account, LocalDate asAt, CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var kind = await db.Accounts.Where(a => a.Id == account).Select(a => a.Kind).SingleAsync(cancellationToken).ConfigureAwait(false);
            var sum = await db.Postings.Where(p => p.Account == account && p.EffectiveDate <= asAt)
                .SumAsync(p => p.Amount, cancellationToken).ConfigureAwait(false);
            return Money.FromPence(AccountKindRules.BalanceDelta(kind, sum));
        }
    }

    /// <inheritdoc />
    public async Task<Money> PostedAsAtRecordedAsync(AccountId account, Instant instant, CancellationToken cancellationToken = default)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // Each posting carries the balance it produced, so "as recorded at" is one indexed lookup.
            var balance = await db.Postings.Where(p => p.Account == account && p.RecordedAt <= instant)
                .OrderByDescending(p => p.AccountVersion).Select(p => (long?)p.ResultingBalance)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return Money.FromPence(balance ?? 0);
        }
    }
}

/// <summary>Human account names, <c>kind:area:owner:stream</c>, as used by the verifier and the hledger export.</summary>
internal sealed class AccountNames
{
    private readonly Dictionary<AreaId, string> _areas;
    private readonly Dictionary<FundingStreamId, string> _streams;

    private AccountNames(Dictionary<AreaId, string> areas, Dictionary<FundingStreamId, string> streams)
    {
        _areas = areas;
        _streams = streams;
    }

    public static async Task<AccountNames> LoadAsync(LedgerDbContext db, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct).ConfigureAwait(false);
        var streams = await db.FundingStreams.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct).ConfigureAwait(false);
        return new AccountNames(areas, streams);
    }

    public string NameOf(Account a) => NameOf(a.Kind, a.Area, a.Owner, a.Stream);

    public string NameOf(AccountKind kind, AreaId area, string owner, FundingStreamId stream) =>
        $"{kind}:{_areas.GetValueOrDefault(area, area.ToString())}:{owner}:{StreamCode(stream)}";

    public string StreamCode(FundingStreamId stream) => _streams.GetValueOrDefault(stream, stream.ToString());
}
