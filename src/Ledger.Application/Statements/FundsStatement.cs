using Ledger.Domain;
using NodaTime;

namespace Ledger.Application.Statements;

/// <summary>
/// One funding stream's money in one pool over a statement's period, in two places: still in the pool
/// (unallocated) and in the pool's budgets. Each side reconciles from the postings on its own:
/// opening + movements = closing, and the closing balances are the ledger's balances as at the last day.
/// </summary>
/// <param name="Pool">The pool's code.</param>
/// <param name="PoolName">The programme's name.</param>
/// <param name="Stream">The stream's code.</param>
/// <param name="StreamName">The stream's name.</param>
/// <param name="Agency">The contributing partner's code ("-" when the stream has none).</param>
/// <param name="PoolOpening">Unallocated in the pool at the end of the day before the period.</param>
/// <param name="Contributed">Contributed into the pool in the period.</param>
/// <param name="Allocated">Allocated from the pool to budgets in the period (shown positive; it leaves the pool).</param>
/// <param name="OutcomePayments">Payment-by-results fees and outcome payments from the pool in the period, net of clawbacks (positive when money left).</param>
/// <param name="ReturnedFromPool">Unallocated money returned to the stream at year end in the period.</param>
/// <param name="PoolOther">Any other movement of the pool's account in the period (corrections), signed: money in positive.</param>
/// <param name="PoolClosing">Unallocated in the pool at the end of the period.</param>
/// <param name="BudgetsOpening">In the pool's budgets at the end of the day before the period (posted, including what is held).</param>
/// <param name="AllocatedIn">Allocated into the budgets in the period.</param>
/// <param name="Spent">Spent from the budgets in the period: invoices settled and direct purchases (positive when money left).</param>
/// <param name="ReturnedFromBudgets">Returned from the budgets to the stream at year end in the period.</param>
/// <param name="CarriedForward">Carried from the budgets into the next year's budgets in the period (positive when money left).</param>
/// <param name="BudgetsOther">Any other movement of the budgets' accounts in the period, signed: money in positive.</param>
/// <param name="BudgetsClosing">In the budgets at the end of the period (posted, including what is held).</param>
/// <param name="Held">Held at the end of the period by orders not yet invoiced.</param>
/// <param name="ContributedToDate">Contributed into the pool from this stream up to the end of the period.</param>
/// <param name="SpentToDate">Spent on services and outcomes from this stream in this pool up to the end of the period (R6's actual).</param>
/// <param name="ExpectedSpend">What the stream expects to spend in the year (R6).</param>
/// <param name="ExpectedOutcome">What it expects to buy (R6).</param>
public sealed record StreamFlows(string Pool, string PoolName, string Stream, string StreamName, string Agency,
    Money PoolOpening, Money Contributed, Money Allocated, Money OutcomePayments, Money ReturnedFromPool, Money PoolOther, Money PoolClosing,
    Money BudgetsOpening, Money AllocatedIn, Money Spent, Money ReturnedFromBudgets, Money CarriedForward, Money BudgetsOther, Money BudgetsClosing, Money Held,
    Money ContributedToDate, Money SpentToDate, Money ExpectedSpend, string ExpectedOutcome)
{
    /// <summary>What the budgets may still spend: closing less held.</summary>
    public Money AvailableInBudgets => BudgetsClosing - Held;

    /// <summary>Not yet spent or held: unallocated in the pool plus available in the budgets.</summary>
    public Money Unspent => PoolClosing + AvailableInBudgets;

    /// <summary>The expected spend (R6) of these flows, each stream counted once: a stream in several pools has one expectation for the year.</summary>
    public static Money ExpectedOnce(IEnumerable<StreamFlows> flows) => flows.DistinctBy(f => f.Stream).Aggregate(Money.Zero, (sum, f) => sum + f.ExpectedSpend);

    /// <summary>True when both sides reconcile: opening + movements = closing.</summary>
    public bool Reconciles =>
        PoolOpening + Contributed - Allocated - OutcomePayments - ReturnedFromPool + PoolOther == PoolClosing
        && BudgetsOpening + AllocatedIn - Spent - ReturnedFromBudgets - CarriedForward + BudgetsOther == BudgetsClosing;
}

/// <summary>
/// A pool statement for a month, as at its last day (DOMAIN.md §3.5, R3): each stream's contributions,
/// allocations, spend, outcome payments, returns and holds, so the partners can see that their money
/// kept its colour and where it is now.
/// </summary>
/// <param name="Area">The area's code.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Pool">The pool's code.</param>
/// <param name="PoolName">The programme's name.</param>
/// <param name="Year">The financial year.</param>
/// <param name="SplitPolicy">How allocations are split across streams, in words.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period (the "as at" date).</param>
/// <param name="Streams">Each stream's flows, in stream-code order.</param>
/// <param name="Budgets">How many budgets the pool funds.</param>
public sealed record PoolStatement(string Area, string AreaName, string Pool, string PoolName, string Year, string SplitPolicy, LocalDate From, LocalDate To,
    IReadOnlyList<StreamFlows> Streams, int Budgets)
{
    /// <summary>The total of a figure over the streams.</summary>
    public Money Total(Func<StreamFlows, Money> figure) => Streams.Aggregate(Money.Zero, (sum, s) => sum + figure(s));
}

/// <summary>
/// A funding partner's statement for a month, as at its last day (DOMAIN.md §3.5, R3, R6): for each of
/// the partner's streams in each pool, what it contributed, what was allocated, spent and paid for
/// outcomes, what is held and what is left, against what the stream expected to spend.
/// </summary>
/// <param name="Area">The area's code.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Agency">The partner's code.</param>
/// <param name="AgencyName">Its name.</param>
/// <param name="AgencyKind">What kind of partner it is, in words.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period.</param>
/// <param name="Streams">The partner's streams in each pool of the year, by pool then stream.</param>
public sealed record PartnerStatement(string Area, string AreaName, string Agency, string AgencyName, string AgencyKind, LocalDate From, LocalDate To,
    IReadOnlyList<StreamFlows> Streams)
{
    /// <summary>The total of a figure over the streams.</summary>
    public Money Total(Func<StreamFlows, Money> figure) => Streams.Aggregate(Money.Zero, (sum, s) => sum + figure(s));

    /// <summary>What the partner's streams expect to spend in the year (R6), each stream counted once however many pools it is in.</summary>
    public Money ExpectedSpend => StreamFlows.ExpectedOnce(Streams);
}

/// <summary>Reads pool and funding-partner statements from the ledger, as at the last day of a period.</summary>
public interface IFundsStatementQueries
{
    /// <summary>The statement of one pool for the period <paramref name="firstDay"/>–<paramref name="lastDay"/>; null when there is no such pool.</summary>
    Task<PoolStatement?> PoolStatementAsync(string areaCode, string poolCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct);

    /// <summary>The statement of one funding partner for the period, over the pools of the financial year containing <paramref name="lastDay"/>; null when there is no such partner.</summary>
    Task<PartnerStatement?> PartnerStatementAsync(string areaCode, string agencyCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct);

    /// <summary>The codes of the area's pools of the financial year containing <paramref name="lastDay"/>, ordered.</summary>
    Task<IReadOnlyList<string>> PoolCodesAsync(string areaCode, LocalDate lastDay, CancellationToken ct);

    /// <summary>The codes of the area's funding partners, ordered.</summary>
    Task<IReadOnlyList<string>> AgencyCodesAsync(string areaCode, CancellationToken ct);
}
