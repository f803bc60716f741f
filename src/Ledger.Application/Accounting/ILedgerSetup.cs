using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Accounting;

/// <summary>Creates the things money moves between: areas, funding streams and accounts; closes periods.</summary>
public interface ILedgerSetup
{
    /// <summary>Returns the area with <paramref name="code"/>, creating it if it does not exist.</summary>
    Task<Area> EnsureAreaAsync(string code, string name, CancellationToken cancellationToken = default);

    /// <summary>Returns the area's stream with <paramref name="code"/>, creating it if it does not exist.</summary>
    Task<FundingStream> EnsureStreamAsync(AreaId area, string code, string name, FinancialYear year, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the account identified by kind, area, owner and stream, opening it if it does not
    /// exist. Safe to call concurrently from several processes: exactly one account results.
    /// </summary>
    Task<Account> EnsureAccountAsync(AccountKind kind, AreaId area, string owner, FundingStreamId stream, CancellationToken cancellationToken = default);

    /// <summary>Closes a month of an area's books (R27). Closing a closed month changes nothing.</summary>
    Task<PeriodClosure> ClosePeriodAsync(AreaId area, YearMonth month, CancellationToken cancellationToken = default);
}

/// <summary>An account's name and figures, as people read them.</summary>
/// <param name="Id">The account.</param>
/// <param name="Name">kind:area:owner:stream.</param>
/// <param name="Kind">What it is for.</param>
/// <param name="Posted">Posted balance on the normal side.</param>
/// <param name="Held">Held by open holds.</param>
/// <param name="Available">Posted minus held.</param>
/// <param name="Version">Number of postings.</param>
public sealed record AccountBalance(AccountId Id, string Name, AccountKind Kind, Money Posted, Money Held, Money Available, long Version);

/// <summary>Balances now and "as at" either time axis (R24).</summary>
public interface IBalanceQueries
{
    /// <summary>Every account's current figures (of one area when <paramref name="areaCode"/> is given), in name order.</summary>
    Task<IReadOnlyList<AccountBalance>> ListAsync(string? areaCode = null, CancellationToken cancellationToken = default);

    /// <summary>The account's current figures, or null when it does not exist.</summary>
    Task<AccountBalance?> GetAsync(AccountId account, CancellationToken cancellationToken = default);

    /// <summary>The posted balance counting postings whose effective date is on or before <paramref name="asAt"/>, whenever recorded.</summary>
    Task<Money> PostedAsAtEffectiveDateAsync(AccountId account, LocalDate asAt, CancellationToken cancellationToken = default);

    /// <summary>The posted balance as the ledger showed it at <paramref name="instant"/>: postings recorded by then.</summary>
    Task<Money> PostedAsAtRecordedAsync(AccountId account, Instant instant, CancellationToken cancellationToken = default);
}
