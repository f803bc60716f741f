using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Budgets;

/// <summary>Creates an agency.</summary>
public sealed record AgencyRequest(string Area, string Code, string Name, AgencyKind Kind);

/// <summary>Creates a funding stream with its attributes (R2) and expectations (R6).</summary>
public sealed record StreamRequest(string Area, string Agency, string Code, string Name, FinancialYear Year, FundingForm Form,
    StreamRestrictions Restrictions, bool RingFenced, YearEndRule YearEndRule, Money ExpectedSpend, string ExpectedOutcome);

/// <summary>Creates a pool with its resource-allocation rule and split policy.</summary>
public sealed record PoolRequest(string Area, string Code, string Name, FinancialYear Year, ResourceAllocationRule Rule, SplitPolicy Policy = SplitPolicy.ProRata);

/// <summary>A partner's contribution from a stream into a pool (R3).</summary>
public sealed record ContributionRequest(string IdempotencyKey, string Area, string Pool, string Stream, Money Amount, LocalDate Date);

/// <summary>
/// Areas' partners and money in: agencies, funding streams (data, never code — R2), pools and
/// contributions (R3), and a pool's position per stream.
/// </summary>
public sealed class FundingService(IBudgetStore store, ILedgerSetup setup, IPostingService engine, IPoolQueries pools)
{
    /// <summary>Creates an agency in an area.</summary>
    public async Task<Result<Agency>> CreateAgencyAsync(AgencyRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Agency>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        var agency = Agency.Create(AgencyId.New(), area.Id, request.Code, request.Name, request.Kind);
        return agency.Succeeded ? await SaveAsync(agency.Value!, ct).ConfigureAwait(false) : agency;
    }

    /// <summary>Creates a funding stream.</summary>
    public async Task<Result<FundingStream>> CreateStreamAsync(StreamRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.AgencyAsync(area.Id, request.Agency, ct).ConfigureAwait(false) is not { } agency)
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.UnknownAgency, $"There is no agency '{request.Agency}' in {area.Code}.");
        }

        var stream = FundingStream.Define(FundingStreamId.New(), area.Id, agency.Id, request.Code, request.Name, request.Year, request.Form,
            request.Restrictions, request.RingFenced, request.YearEndRule, request.ExpectedSpend, request.ExpectedOutcome);
        return stream.Succeeded ? await SaveAsync(stream.Value!, ct).ConfigureAwait(false) : stream;
    }

    /// <summary>Creates a pool.</summary>
    public async Task<Result<Pool>> CreatePoolAsync(PoolRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Pool>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        var pool = Pool.Create(PoolId.New(), area.Id, request.Code, request.Name, request.Year, request.Rule, request.Policy);
        return pool.Succeeded ? await SaveAsync(pool.Value!, ct).ConfigureAwait(false) : pool;
    }

    /// <summary>
    /// Posts a contribution: the stream's money into the pool's account for that stream, where it keeps
    /// its stream for ever (R3). Refused into a closed financial year, outside the stream's year, or
    /// from a stream of another year than the pool's.
    /// </summary>
    public async Task<Result<JournalEntryId>> ContributeAsync(ContributionRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.AreaAsync(request.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{request.Area}'.");
        }

        if (await store.PoolAsync(area.Id, request.Pool, ct).ConfigureAwait(false) is not { } pool)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.UnknownPool, $"There is no pool '{request.Pool}' in {area.Code}.");
        }

        if (await store.StreamAsync(area.Id, request.Stream, ct).ConfigureAwait(false) is not { } stream)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.UnknownStream, $"There is no stream '{request.Stream}' in {area.Code}.");
        }

        if (!request.Amount.IsPositive)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.InvalidAmount, "A contribution must be above zero.");
        }

        // A request the ledger has already answered is sent again as it is, so a retry gets the
        // first answer (R25) even after the year has since closed.
        if (await store.LedgerKeyUsedAsync(request.IdempotencyKey, ct).ConfigureAwait(false))
        {
            return await ReplayContributionAsync(request, area.Id, pool, stream, ct).ConfigureAwait(false);
        }

        if (stream.Year != pool.Year)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.YearMismatch, $"Stream {stream.Code} is for {stream.Year}; pool {pool.Code} is for {pool.Year}.");
        }

        if (!stream.Year.Contains(request.Date))
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.OutsideFinancialYear, $"{request.Date:uuuu-MM-dd} is outside {stream.Year}.");
        }

        if (await store.IsYearClosedAsync(area.Id, stream.Year, ct).ConfigureAwait(false))
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.FinancialYearClosed, $"{stream.Year} has been closed by year-end processing in {area.Code}.");
        }

        return await PostContributionAsync(request, area.Id, pool, stream, ct).ConfigureAwait(false);
    }

    // The ledger decides a replay (same request) or a conflict (another one) from the request's hash;
    // nothing is opened or written on the way, since the original request used existing accounts.
    private async Task<Result<JournalEntryId>> ReplayContributionAsync(ContributionRequest request, AreaId area, Pool pool, FundingStream stream, CancellationToken ct)
    {
        var funds = await store.AccountIdAsync(AccountKind.StreamFunds, area, await StreamFundsOwnerAsync(stream, ct).ConfigureAwait(false), stream.Id, ct)
            .ConfigureAwait(false);
        var poolAccount = await store.AccountIdAsync(AccountKind.Pool, area, pool.Code, stream.Id, ct).ConfigureAwait(false);
        if (await store.EntryKindByKeyAsync(request.IdempotencyKey, ct).ConfigureAwait(false) != EntryKind.Contribution || funds is null || poolAccount is null)
        {
            return Result<JournalEntryId>.Fail(BudgetErrorCode.LedgerRefused,
                $"{LedgerErrorCode.IdempotencyConflict}: the key '{request.IdempotencyKey}' was used for a different request.");
        }

        var outcome = await engine.ExecuteAsync(ContributionEntry(request, pool, stream, funds.Value, poolAccount.Value), ct).ConfigureAwait(false);
        return outcome.Succeeded
            ? outcome.Entry!.Value
            : Result<JournalEntryId>.Fail(BudgetErrorCode.LedgerRefused, $"{outcome.Error!.Code}: {outcome.Error.Message}");
    }

    private static PostEntry ContributionEntry(ContributionRequest request, Pool pool, FundingStream stream, AccountId funds, AccountId poolAccount) =>
        new(request.IdempotencyKey, request.Date, $"Contribution from {stream.Code} to pool {pool.Code}",
            [JournalLine.Debit(funds, request.Amount), JournalLine.Credit(poolAccount, request.Amount)], EntryKind.Contribution);

    private async Task<Result<JournalEntryId>> PostContributionAsync(ContributionRequest request, AreaId area, Pool pool, FundingStream stream, CancellationToken ct)
    {
        var funds = await StreamFundsAccountAsync(area, stream, ct).ConfigureAwait(false);
        var poolAccount = await setup.EnsureAccountAsync(AccountKind.Pool, area, pool.Code, stream.Id, ct).ConfigureAwait(false);
        var outcome = await engine.ExecuteAsync(ContributionEntry(request, pool, stream, funds.Id, poolAccount.Id), ct).ConfigureAwait(false);
        return outcome.Succeeded
            ? outcome.Entry!.Value
            : Result<JournalEntryId>.Fail(BudgetErrorCode.LedgerRefused, $"{outcome.Error!.Code}: {outcome.Error.Message}");
    }

    /// <summary>The pool's position per stream: contributed, share, allocated, held, spent, returned, available (R3, R6).</summary>
    public async Task<Result<IReadOnlyList<PoolStreamPosition>>> PositionAsync(string areaCode, string poolCode, CancellationToken ct = default)
    {
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<PoolStreamPosition>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        if (await store.PoolAsync(area.Id, poolCode, ct).ConfigureAwait(false) is not { } pool)
        {
            return Result<IReadOnlyList<PoolStreamPosition>>.Fail(BudgetErrorCode.UnknownPool, $"There is no pool '{poolCode}' in {area.Code}.");
        }

        return Result<IReadOnlyList<PoolStreamPosition>>.Ok(await pools.PositionAsync(pool, ct).ConfigureAwait(false));
    }

    /// <summary>The stream's own account: its money held by the ledger, owned by its agency.</summary>
    internal async Task<Account> StreamFundsAccountAsync(AreaId area, FundingStream stream, CancellationToken ct) =>
        await setup.EnsureAccountAsync(AccountKind.StreamFunds, area, await StreamFundsOwnerAsync(stream, ct).ConfigureAwait(false), stream.Id, ct)
            .ConfigureAwait(false);

    private async Task<string> StreamFundsOwnerAsync(FundingStream stream, CancellationToken ct) =>
        stream.Agency is { } id && await store.AgencyAsync(id, ct).ConfigureAwait(false) is { } agency ? agency.Code : "FUNDS";

    private async Task<Result<T>> SaveAsync<T>(T record, CancellationToken ct)
        where T : class
    {
        var error = await store.AddAsync(record, ct).ConfigureAwait(false);
        return error is null ? record : Result<T>.Fail(error);
    }
}
