namespace Ledger.Domain.Accounting;

/// <summary>What an account is for. Stored as its name, so names are stable.</summary>
public enum AccountKind
{
    /// <summary>A funding stream's money held by the ledger (debit-normal). Contributions add to it; payments out take from it.</summary>
    StreamFunds,

    /// <summary>A pooled budget: partners' contributions waiting to be allocated (credit-normal, never below zero available).</summary>
    Pool,

    /// <summary>An individual budget for one child or one whole family (credit-normal, never below zero available).</summary>
    IndividualBudget,

    /// <summary>A lead professional's small delegated budget (credit-normal, never below zero available).</summary>
    LeadProfessionalBudget,

    /// <summary>What is owed to a provider for delivered services or outcomes (credit-normal, never below zero available).</summary>
    ProviderPayable,
}

/// <summary>The side on which an account's balance normally sits.</summary>
public enum NormalSide
{
    /// <summary>Debits increase the balance.</summary>
    Debit,

    /// <summary>Credits increase the balance.</summary>
    Credit,
}

/// <summary>The rules that follow from an account's kind, kept in one place.</summary>
public static class AccountKindRules
{
    /// <summary>The side on which the kind's balance normally sits.</summary>
    public static NormalSide NormalSideOf(AccountKind kind) => kind switch
    {
        AccountKind.StreamFunds => NormalSide.Debit,
        AccountKind.Pool or AccountKind.IndividualBudget or AccountKind.LeadProfessionalBudget
            or AccountKind.ProviderPayable => NormalSide.Credit,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown account kind."),
    };

    /// <summary>
    /// True for budget-like accounts whose available amount (balance minus held) may never go
    /// below zero (R26). A provider payable is guarded too, so a provider cannot be paid more than it is owed.
    /// </summary>
    public static bool IsGuarded(AccountKind kind) => kind switch
    {
        AccountKind.Pool or AccountKind.IndividualBudget or AccountKind.LeadProfessionalBudget
            or AccountKind.ProviderPayable => true,
        _ => false,
    };

    /// <summary>The change to a normal-side balance caused by a debit-positive posting amount.</summary>
    public static long BalanceDelta(AccountKind kind, long debitPositiveAmount) =>
        NormalSideOf(kind) == NormalSide.Debit ? debitPositiveAmount : checked(-debitPositiveAmount);
}

/// <summary>
/// What a journal entry records, so statements and pool positions can group money by purpose. A
/// reversal carries the kind of the entry it reverses, so sums by kind net out corrections.
/// </summary>
public enum EntryKind
{
    /// <summary>Anything else.</summary>
    General,

    /// <summary>A partner's contribution into a pool (R3).</summary>
    Contribution,

    /// <summary>Money allocated from a pool to a budget (R5).</summary>
    Allocation,

    /// <summary>A purchase posted directly from a budget.</summary>
    Purchase,

    /// <summary>A hold settled (an invoice against an order).</summary>
    Settlement,

    /// <summary>A payment out to a provider.</summary>
    Payment,

    /// <summary>Unspent money returned to its stream at year end (example 10).</summary>
    YearEndReturn,

    /// <summary>Unspent money carried into the new year's budget (example 10).</summary>
    CarryForward,

    /// <summary>A payment-by-results fee or outcome payment owed to a provider (R15–R20): the pool debited, the provider's payable credited.</summary>
    OutcomePayment,
}
