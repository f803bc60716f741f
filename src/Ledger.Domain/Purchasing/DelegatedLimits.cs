using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Purchasing;

/// <summary>Who must agree to an order before the provider is told to deliver it (R11).</summary>
public enum ApprovalRoute
{
    /// <summary>Within the lead professional's delegated limits: committed at once.</summary>
    Delegated,

    /// <summary>Above the per-purchase or monthly limit: a budget holder who is not the requester decides.</summary>
    BudgetHolder,

    /// <summary>Above the panel threshold: a panel decides, recorded by a budget holder with the panel's reference.</summary>
    Panel,
}

/// <summary>
/// A practitioner's delegated authority (R11): what they may commit at once per purchase and per
/// calendar month, and the amount above which a panel decides. A practitioner with no limits set has
/// no delegated authority: every order waits for a budget holder.
/// </summary>
public sealed class DelegatedLimit
{
    private DelegatedLimit()
    {
        SetBy = string.Empty;
    }

    /// <summary>The lead professional or broker.</summary>
    public PractitionerId Practitioner { get; private set; }

    /// <summary>The largest single order committed at once, in pence.</summary>
    public long PerPurchase { get; private set; }

    /// <summary>The most committed at once in one calendar month, in pence.</summary>
    public long Monthly { get; private set; }

    /// <summary>Orders above this go to a panel, in pence.</summary>
    public long PanelThreshold { get; private set; }

    /// <summary>The budget holder who set the limits.</summary>
    public string SetBy { get; private set; }

    /// <summary>When they were set.</summary>
    public Instant SetAt { get; private set; }

    /// <summary>No delegated authority: every order waits for a budget holder; a panel above £5,000.</summary>
    public static DelegatedLimit None(PractitionerId practitioner) =>
        new() { Practitioner = practitioner, PerPurchase = 0, Monthly = 0, PanelThreshold = Money.FromPounds(5_000).Pence, SetBy = "default" };

    /// <summary>Sets limits; the panel threshold must be at least the per-purchase limit, the monthly limit at least the per-purchase limit.</summary>
    public static Result<DelegatedLimit> Set(PractitionerId practitioner, Money perPurchase, Money monthly, Money panelThreshold, string setBy, Instant now)
    {
        if (perPurchase.IsNegative || monthly.IsNegative || !panelThreshold.IsPositive)
        {
            return Result<DelegatedLimit>.Fail(BudgetErrorCode.InvalidAmount, "Limits cannot be negative and the panel threshold must be above zero.");
        }

        if (monthly < perPurchase || panelThreshold < perPurchase)
        {
            return Result<DelegatedLimit>.Fail(BudgetErrorCode.InvalidAmount,
                "The monthly limit and the panel threshold must each be at least the per-purchase limit.");
        }

        return new DelegatedLimit
        {
            Practitioner = practitioner, PerPurchase = perPurchase.Pence, Monthly = monthly.Pence, PanelThreshold = panelThreshold.Pence, SetBy = setBy, SetAt = now,
        };
    }

    /// <summary>
    /// The route for an order of <paramref name="amount"/> when <paramref name="committedThisMonth"/> has
    /// already been committed under delegation this month: above the panel threshold, a panel; above the
    /// per-purchase limit or past the monthly limit, a budget holder; otherwise at once.
    /// </summary>
    public ApprovalRoute RouteFor(Money amount, Money committedThisMonth) =>
        amount.Pence > PanelThreshold ? ApprovalRoute.Panel
        : amount.Pence > PerPurchase || committedThisMonth.Pence + amount.Pence > Monthly ? ApprovalRoute.BudgetHolder
        : ApprovalRoute.Delegated;
}

/// <summary>
/// What a practitioner has committed under delegation in one calendar month (R11). Each delegated
/// order adds to it in the same transaction as the order is saved, and the version makes concurrent
/// orders take turns, so together they cannot pass the monthly limit.
/// </summary>
public sealed class DelegatedMonth
{
    private DelegatedMonth()
    {
    }

    /// <summary>The practitioner.</summary>
    public PractitionerId Practitioner { get; private set; }

    /// <summary>The month as yyyymm, e.g. 202611.</summary>
    public int Month { get; private set; }

    /// <summary>Committed under delegation in the month, in pence.</summary>
    public long Committed { get; private set; }

    /// <summary>Bumped on every change; the database refuses a stale write.</summary>
    public int Version { get; private set; }

    /// <summary>The month key of a date.</summary>
    public static int MonthOf(LocalDate date) => (date.Year * 100) + date.Month;

    /// <summary>A month with nothing committed yet.</summary>
    public static DelegatedMonth Start(PractitionerId practitioner, LocalDate date) => new() { Practitioner = practitioner, Month = MonthOf(date) };

    /// <summary>Adds a delegated order.</summary>
    public void Add(Money amount)
    {
        Committed = checked(Committed + amount.Pence);
        Version++;
    }
}
