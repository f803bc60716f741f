namespace Ledger.Domain.Budgets;

/// <summary>The kinds of service a budget can buy (R8). Stored by name.</summary>
public enum ServiceCategory
{
    /// <summary>Therapy and health (speech therapy, counselling...).</summary>
    TherapyHealth,

    /// <summary>Tuition and education.</summary>
    TuitionEducation,

    /// <summary>Leisure and activities.</summary>
    LeisureActivities,

    /// <summary>Family support.</summary>
    FamilySupport,

    /// <summary>Practical and household help.</summary>
    PracticalHousehold,

    /// <summary>Transport.</summary>
    Transport,

    /// <summary>Equipment.</summary>
    Equipment,
}

/// <summary>Who a stream's money may be spent on. Stored by name.</summary>
public enum ClientGroup
{
    /// <summary>Children and families needing early help (below statutory thresholds).</summary>
    EarlyHelp,

    /// <summary>Children in need (Children Act 1989 s17).</summary>
    ChildInNeed,

    /// <summary>Disabled children.</summary>
    DisabledChild,

    /// <summary>Young people in or at risk of the youth justice system.</summary>
    YouthJustice,

    /// <summary>Whole families with several problems.</summary>
    WholeFamily,

    /// <summary>Looked-after children and care leavers.</summary>
    LookedAfter,
}

/// <summary>How a stream's money exists (R2).</summary>
public enum FundingForm
{
    /// <summary>Money actually transferred into the pool.</summary>
    CashTransfer,

    /// <summary>A notional sum standing for services the agency provides in kind.</summary>
    CashEquivalent,
}

/// <summary>What happens to a stream's unspent money at the end of its financial year (R2, example 10).</summary>
public enum YearEndRule
{
    /// <summary>Unspent money returns to the stream (council money cannot be carried forward).</summary>
    ReturnUnspent,

    /// <summary>Unspent money stays in the budget for the new year (grant or charity money).</summary>
    CarryForward,
}

/// <summary>The kind of partner agency.</summary>
public enum AgencyKind
{
    /// <summary>The local authority.</summary>
    Council,

    /// <summary>An NHS body.</summary>
    Nhs,

    /// <summary>A school or schools forum.</summary>
    School,

    /// <summary>A youth offending service.</summary>
    YouthJustice,

    /// <summary>A charity or voluntary organisation.</summary>
    Charity,

    /// <summary>Central government (a grant).</summary>
    CentralGovernment,
}

/// <summary>The five Every Child Matters outcomes; an assessment scores need in each.</summary>
public enum EveryChildMattersArea
{
    /// <summary>Be healthy.</summary>
    BeHealthy,

    /// <summary>Stay safe.</summary>
    StaySafe,

    /// <summary>Enjoy and achieve.</summary>
    EnjoyAndAchieve,

    /// <summary>Make a positive contribution.</summary>
    MakeAPositiveContribution,

    /// <summary>Achieve economic well-being.</summary>
    AchieveEconomicWellBeing,
}

/// <summary>Who holds an individual budget (R5).</summary>
public enum HolderMode
{
    /// <summary>The lead professional holds it.</summary>
    LeadProfessional,

    /// <summary>A broker holds it on the person's behalf, like a trustee.</summary>
    Broker,

    /// <summary>The family holds it as a direct payment.</summary>
    DirectPayment,
}

/// <summary>Whether a budget is real money or a notional sum standing for services (R5).</summary>
public enum BudgetMode
{
    /// <summary>Real money.</summary>
    Cash,

    /// <summary>A notional sum.</summary>
    Notional,
}

/// <summary>How a pool splits an allocation across its streams (R10 applies the same idea to purchases).</summary>
public enum SplitPolicy
{
    /// <summary>In proportion to each allowed stream's contributions (the default).</summary>
    ProRata,

    /// <summary>Streams with restrictions first (they can pay for less), then the others pro rata.</summary>
    RestrictedFirst,
}

/// <summary>The kind of budget.</summary>
public enum BudgetKind
{
    /// <summary>For one child or one whole family, from an assessment of need.</summary>
    Individual,

    /// <summary>A lead professional's small delegated budget for anyone on their caseload (R4).</summary>
    LeadProfessional,
}
