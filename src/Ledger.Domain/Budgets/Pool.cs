using Ledger.Domain.Calendar;

namespace Ledger.Domain.Budgets;

/// <summary>
/// A pooled budget (R3): partners' contributions in one pot for a programme in an area and year.
/// Each contribution keeps its stream for ever: the pool has one ledger account per stream
/// (<see cref="Accounting.AccountKind.Pool"/>, owner <see cref="Code"/>). Its resource-allocation rule
/// gives indicative amounts for assessments (R5); its split policy decides which streams pay.
/// </summary>
public sealed class Pool
{
    private Pool()
    {
        Code = string.Empty;
        Name = string.Empty;
        AllocationRule = string.Empty;
    }

    private Pool(PoolId id, AreaId area, string code, string name, FinancialYear year, string rule, SplitPolicy policy)
    {
        Id = id;
        Area = area;
        Code = code;
        Name = name;
        Year = year;
        AllocationRule = rule;
        SplitPolicy = policy;
    }

    /// <summary>The pool's id.</summary>
    public PoolId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code, unique in the area; the owner of the pool's ledger accounts.</summary>
    public string Code { get; private set; }

    /// <summary>The programme's name.</summary>
    public string Name { get; private set; }

    /// <summary>The financial year the pool's streams belong to.</summary>
    public FinancialYear Year { get; private set; }

    /// <summary>The resource-allocation rule in its storage form (see <see cref="Rule"/>).</summary>
    public string AllocationRule { get; private set; }

    /// <summary>How allocations are split across streams.</summary>
    public SplitPolicy SplitPolicy { get; private set; }

    /// <summary>The resource-allocation rule.</summary>
    public ResourceAllocationRule Rule => ResourceAllocationRule.FromStorage(AllocationRule);

    /// <summary>Creates a pool.</summary>
    public static Result<Pool> Create(PoolId id, AreaId area, string code, string name, FinancialYear year, ResourceAllocationRule rule, SplitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200 || !Enum.IsDefined(policy))
        {
            return Result<Pool>.Fail(BudgetErrorCode.InvalidRequest, "A pool needs a valid code, a name of up to 200 characters and a split policy.");
        }

        return new Pool(id, area, code, name.Trim(), year, rule.ToStorage(), policy);
    }
}

/// <summary>An area's financial year after year-end processing: no contribution may be dated in it any more.</summary>
public sealed class FinancialYearClosure
{
    private FinancialYearClosure()
    {
    }

    /// <summary>Records that <paramref name="year"/> is closed for <paramref name="area"/>.</summary>
    public FinancialYearClosure(AreaId area, FinancialYear year, NodaTime.Instant closedAt)
    {
        Area = area;
        Year = year;
        ClosedAt = closedAt;
    }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The closed year.</summary>
    public FinancialYear Year { get; private set; }

    /// <summary>When year-end processing finished.</summary>
    public NodaTime.Instant ClosedAt { get; private set; }
}
