using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Domain.Budgets;

/// <summary>
/// An individual budget for one child or family (R5), or a lead professional's delegated budget (R4),
/// for one financial year. Its money sits in one ledger account per stream
/// (owner <see cref="Code"/>), so every statement shows which stream paid.
/// </summary>
public sealed class Budget
{
    private Budget()
    {
        Code = string.Empty;
    }

    /// <summary>The budget's id.</summary>
    public BudgetId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>Individual or lead-professional.</summary>
    public BudgetKind Kind { get; private set; }

    /// <summary>The owner code of its ledger accounts, e.g. "IB-CHILD-A7K2-2026" or "LPB-LP-0001-2026".</summary>
    public string Code { get; private set; }

    /// <summary>The pool that funds it.</summary>
    public PoolId Pool { get; private set; }

    /// <summary>The financial year.</summary>
    public FinancialYear Year { get; private set; }

    /// <summary>The child or family, for an individual budget.</summary>
    public SubjectId? Subject { get; private set; }

    /// <summary>The lead professional or broker who holds it (for a direct payment: the lead professional who supports the family).</summary>
    public PractitionerId Holder { get; private set; }

    /// <summary>Who holds it.</summary>
    public HolderMode HolderMode { get; private set; }

    /// <summary>Cash or notional.</summary>
    public BudgetMode Mode { get; private set; }

    /// <summary>The client group whose streams may fund it.</summary>
    public ClientGroup ClientGroup { get; private set; }

    /// <summary>When it was opened.</summary>
    public Instant OpenedAt { get; private set; }

    /// <summary>The budget carried forward from, when this one continues last year's.</summary>
    public BudgetId? CarriedFrom { get; private set; }

    /// <summary>Opens an individual budget for a child or family.</summary>
    public static Budget Individual(BudgetId id, AreaId area, string subjectReference, SubjectId subject, PoolId pool, FinancialYear year,
        PractitionerId holder, HolderMode holderMode, BudgetMode mode, ClientGroup clientGroup, Instant openedAt, BudgetId? carriedFrom = null) =>
        new()
        {
            Id = id,
            Area = area,
            Kind = BudgetKind.Individual,
            Code = CodeFor(BudgetKind.Individual, subjectReference, year),
            Pool = pool,
            Year = year,
            Subject = subject,
            Holder = holder,
            HolderMode = holderMode,
            Mode = mode,
            ClientGroup = clientGroup,
            OpenedAt = openedAt,
            CarriedFrom = carriedFrom,
        };

    /// <summary>Opens a lead professional's delegated budget.</summary>
    public static Budget LeadProfessional(BudgetId id, AreaId area, string practitionerCode, PractitionerId holder, PoolId pool, FinancialYear year,
        ClientGroup clientGroup, Instant openedAt, BudgetId? carriedFrom = null) =>
        new()
        {
            Id = id,
            Area = area,
            Kind = BudgetKind.LeadProfessional,
            Code = CodeFor(BudgetKind.LeadProfessional, practitionerCode, year),
            Pool = pool,
            Year = year,
            Holder = holder,
            HolderMode = HolderMode.LeadProfessional,
            Mode = BudgetMode.Cash,
            ClientGroup = clientGroup,
            OpenedAt = openedAt,
            CarriedFrom = carriedFrom,
        };

    /// <summary>The owner code of a budget's accounts: "IB-{subject}-{year}" or "LPB-{practitioner}-{year}".</summary>
    public static string CodeFor(BudgetKind kind, string reference, FinancialYear year) =>
        $"{(kind == BudgetKind.Individual ? "IB" : "LPB")}-{reference}-{year.StartYear}";

    /// <summary>The ledger account kind of this budget's accounts.</summary>
    public Accounting.AccountKind AccountKind =>
        Kind == BudgetKind.Individual ? Accounting.AccountKind.IndividualBudget : Accounting.AccountKind.LeadProfessionalBudget;
}

/// <summary>
/// A decision to put money from a pool into a budget (R5): the indicative amount and its working, the
/// final amount and the reason, who decided, and the ledger entry that moved the money.
/// </summary>
public sealed class Allocation
{
    private Allocation()
    {
        Reason = string.Empty;
        Working = string.Empty;
        DecidedBy = string.Empty;
        IdempotencyKey = string.Empty;
    }

    /// <summary>The allocation's id.</summary>
    public AllocationId Id { get; private set; }

    /// <summary>The budget that received the money.</summary>
    public BudgetId Budget { get; private set; }

    /// <summary>The assessment it was based on (none for a lead professional's budget).</summary>
    public AssessmentId? Assessment { get; private set; }

    /// <summary>The indicative amount, in pence.</summary>
    public long IndicativeAmount { get; private set; }

    /// <summary>How the indicative amount was worked out.</summary>
    public string Working { get; private set; }

    /// <summary>The final amount set by the budget holder, in pence.</summary>
    public long FinalAmount { get; private set; }

    /// <summary>Why the budget holder chose the final amount.</summary>
    public string Reason { get; private set; }

    /// <summary>The budget holder's code.</summary>
    public string DecidedBy { get; private set; }

    /// <summary>The business date of the decision.</summary>
    public LocalDate DecidedOn { get; private set; }

    /// <summary>The ledger entry that moved the money from pool to budget.</summary>
    public JournalEntryId Entry { get; private set; }

    /// <summary>The caller's idempotency key for the decision.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>Records a decision already posted to the ledger as <paramref name="entry"/>.</summary>
    public static Allocation Record(AllocationId id, BudgetId budget, AssessmentId? assessment, IndicativeAmount indicative, Money final,
        string reason, string decidedBy, LocalDate decidedOn, JournalEntryId entry, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(indicative);
        return new Allocation
        {
            Id = id,
            Budget = budget,
            Assessment = assessment,
            IndicativeAmount = indicative.Amount.Pence,
            Working = indicative.Working,
            FinalAmount = final.Pence,
            Reason = reason.Trim(),
            DecidedBy = decidedBy,
            DecidedOn = decidedOn,
            Entry = entry,
            IdempotencyKey = idempotencyKey,
        };
    }
}
