using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;

namespace Ledger.Application.Budgets;

/// <summary>
/// What the budgets use cases read and write besides the ledger: areas, agencies, streams, pools,
/// people, assessments, budgets and allocations. One method per question the use cases ask.
/// </summary>
public interface IBudgetStore
{
    /// <summary>The area with this code.</summary>
    Task<Area?> AreaAsync(string code, CancellationToken ct);

    /// <summary>The area's agency with this code.</summary>
    Task<Agency?> AgencyAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>An agency by id.</summary>
    Task<Agency?> AgencyAsync(AgencyId id, CancellationToken ct);

    /// <summary>The area's stream with this code.</summary>
    Task<FundingStream?> StreamAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>Streams by id.</summary>
    Task<IReadOnlyList<FundingStream>> StreamsAsync(IEnumerable<FundingStreamId> ids, CancellationToken ct);

    /// <summary>The area's pool with this code.</summary>
    Task<Pool?> PoolAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>A pool by id.</summary>
    Task<Pool?> PoolAsync(PoolId id, CancellationToken ct);

    /// <summary>Every pool of the area for the year.</summary>
    Task<IReadOnlyList<Pool>> PoolsAsync(AreaId area, FinancialYear year, CancellationToken ct);

    /// <summary>The area's practitioner with this code.</summary>
    Task<Practitioner?> PractitionerAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>The area's child or family with this reference.</summary>
    Task<Subject?> SubjectAsync(AreaId area, string reference, CancellationToken ct);

    /// <summary>A child or family by id.</summary>
    Task<Subject?> SubjectAsync(SubjectId id, CancellationToken ct);

    /// <summary>Personal details of a subject (the caller logs the read first).</summary>
    Task<PersonalDetails?> PersonalDetailsAsync(SubjectId subject, CancellationToken ct);

    /// <summary>An assessment by id.</summary>
    Task<Assessment?> AssessmentAsync(AssessmentId id, CancellationToken ct);

    /// <summary>The assessment recorded under this idempotency key.</summary>
    Task<Assessment?> AssessmentByKeyAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>The area's budget with this code.</summary>
    Task<Budget?> BudgetAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>A budget by id.</summary>
    Task<Budget?> BudgetAsync(BudgetId id, CancellationToken ct);

    /// <summary>The id of an existing account, without opening one.</summary>
    Task<AccountId?> AccountIdAsync(Domain.Accounting.AccountKind kind, AreaId area, string owner, FundingStreamId stream, CancellationToken ct);

    /// <summary>The entry kind of the ledger entry written under this idempotency key, if the key wrote one.</summary>
    Task<Domain.Accounting.EntryKind?> EntryKindByKeyAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>Every budget of the area for the year.</summary>
    Task<IReadOnlyList<Budget>> BudgetsAsync(AreaId area, FinancialYear year, CancellationToken ct);

    /// <summary>Every allocation to the area's budgets of the year, with each budget's code, its pool's code and its child's or family's reference, newest first.</summary>
    Task<IReadOnlyList<AllocationLine>> AllocationsAsync(AreaId area, FinancialYear year, CancellationToken ct);

    /// <summary>The allocation recorded under this idempotency key.</summary>
    Task<Allocation?> AllocationByKeyAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>True when year-end processing has closed the year for the area.</summary>
    Task<bool> IsYearClosedAsync(AreaId area, FinancialYear year, CancellationToken ct);

    /// <summary>True when the ledger already answered a request with this idempotency key.</summary>
    Task<bool> LedgerKeyUsedAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>True when a caseload entry links the practitioner and the subject.</summary>
    Task<bool> OnCaseloadAsync(PractitionerId practitioner, SubjectId subject, CancellationToken ct);

    /// <summary>The children and families on a practitioner's caseload, by reference.</summary>
    Task<IReadOnlyList<Subject>> CaseloadAsync(PractitionerId practitioner, CancellationToken ct);

    /// <summary>
    /// Adds new records in one transaction. A unique code already taken is reported as
    /// <see cref="BudgetErrorCode.DuplicateCode"/> and nothing is written.
    /// </summary>
    Task<BudgetError?> AddAsync(IEnumerable<object> records, CancellationToken ct);
}

/// <summary>An allocation as the allocations page lists it.</summary>
/// <param name="Allocation">The decision, with its indicative amount and working (R5).</param>
/// <param name="Budget">The budget's code.</param>
/// <param name="Pool">The pool's code.</param>
/// <param name="Subject">The child's or family's reference; null for a lead professional's budget.</param>
public sealed record AllocationLine(Allocation Allocation, string Budget, string Pool, string? Subject);

/// <summary>Helpers over <see cref="IBudgetStore"/>.</summary>
public static class BudgetStoreExtensions
{
    /// <summary>Adds one record.</summary>
    public static Task<BudgetError?> AddAsync(this IBudgetStore store, object record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.AddAsync([record], ct);
    }
}

/// <summary>A pool's position in one stream (R3): where the stream's money is now.</summary>
/// <param name="Stream">The stream's code.</param>
/// <param name="StreamName">The stream's name.</param>
/// <param name="Agency">The contributing agency's code.</param>
/// <param name="Contributed">Contributions into the pool.</param>
/// <param name="SharePercent">This stream's share of all contributions, as a percentage (two decimals).</param>
/// <param name="Allocated">Allocated from the pool to budgets.</param>
/// <param name="Held">Held by open commitments on those budgets.</param>
/// <param name="Spent">Spent from those budgets (settled purchases and direct purchases).</param>
/// <param name="Returned">Returned to the stream at year end, in all (from the pool and from its budgets).</param>
/// <param name="Available">Still unallocated in the pool.</param>
/// <param name="ExpectedSpend">What the stream expects to spend in the year (R6).</param>
/// <param name="ExpectedOutcome">What it expects to buy (R6).</param>
/// <param name="ReturnedFromPool">The part of <paramref name="Returned"/> that was unallocated pool money.</param>
/// <param name="CarriedForward">Carried from this pool's budgets into the next year's budgets.</param>
/// <remarks>
/// The figures reconcile: Available = Contributed − Allocated − ReturnedFromPool; and the money still in
/// the pool's budgets = Allocated − Spent − Held − (Returned − ReturnedFromPool) − CarriedForward.
/// </remarks>
public sealed record PoolStreamPosition(string Stream, string StreamName, string Agency, Money Contributed, decimal SharePercent, Money Allocated,
    Money Held, Money Spent, Money Returned, Money Available, Money ExpectedSpend, string ExpectedOutcome, Money ReturnedFromPool = default,
    Money CarriedForward = default)
{
    /// <summary>What is still in this pool's budgets from this stream (posted, not held).</summary>
    public Money InBudgets => Allocated - Spent - Held - (Returned - ReturnedFromPool) - CarriedForward;
}

/// <summary>Reads pool positions from the ledger.</summary>
public interface IPoolQueries
{
    /// <summary>The pool's position per stream (R3), in stream-code order.</summary>
    Task<IReadOnlyList<PoolStreamPosition>> PositionAsync(Pool pool, CancellationToken ct);

    /// <summary>Each stream's available money in the pool's accounts, and its contributions (the pro-rata weight).</summary>
    Task<IReadOnlyList<(FundingStreamId Stream, Money Available, Money Contributed)>> StreamFundsAsync(Pool pool, CancellationToken ct);

    /// <summary>Available money per stream in a budget's accounts.</summary>
    Task<IReadOnlyList<(FundingStreamId Stream, Money Available)>> BudgetFundsAsync(Budget budget, CancellationToken ct);
}
