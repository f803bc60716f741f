using Ledger.Domain;
using Ledger.Domain.Accounting;
using NodaTime;

namespace Ledger.Application.Statements;

/// <summary>One funding stream's money in a budget over the statement's period: every figure comes from the postings.</summary>
/// <param name="Stream">The stream's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="MayPayFor">What it may pay for, in words (its restrictions).</param>
/// <param name="Opening">Posted balance at the end of the day before the period.</param>
/// <param name="In">Money in during the period (allocations, carry-forward, releases of settled holds do not post).</param>
/// <param name="Out">Money out during the period (purchases, settlements, returns), as a positive amount.</param>
/// <param name="Closing">Posted balance at the end of the period: opening + in − out.</param>
/// <param name="Held">Held at the end of the period by orders not yet invoiced.</param>
public sealed record StreamPosition(string Stream, string Name, string MayPayFor, Money Opening, Money In, Money Out, Money Closing, Money Held)
{
    /// <summary>What may still be spent: closing less held.</summary>
    public Money Available => Closing - Held;
}

/// <summary>One movement on the statement.</summary>
/// <param name="Date">The effective date.</param>
/// <param name="Description">What it was, as the ledger entry says.</param>
/// <param name="Kind">Allocation, settlement, purchase, year-end return…</param>
/// <param name="Stream">The stream's code.</param>
/// <param name="Amount">Positive for money in, negative for money out.</param>
public sealed record StatementLine(LocalDate Date, string Description, EntryKind Kind, string Stream, Money Amount);

/// <summary>An order still holding money at the end of the period.</summary>
/// <param name="Reference">The order.</param>
/// <param name="Description">What was bought.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="OrderedOn">When it was ordered.</param>
/// <param name="Held">What it holds, by stream code.</param>
public sealed record OutstandingOrder(string Reference, string Description, string Provider, LocalDate OrderedOn, IReadOnlyList<(string Stream, Money Amount)> Held);

/// <summary>
/// An individual (or lead-professional) budget statement for a month, "as at" its last day (DOMAIN.md
/// §3.5): the allocation and how it was calculated, each stream's money, the movements, orders still
/// held, spend by category, and how to challenge a decision. Every figure is read from the ledger and
/// reconciles: for each stream, opening + in − out = closing.
/// </summary>
/// <param name="Area">The area's code.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Budget">The budget's code.</param>
/// <param name="Kind">Individual or lead professional.</param>
/// <param name="Subject">The child's or family's pseudonymous reference (none for a lead professional's budget).</param>
/// <param name="Holder">Who holds the budget (code and name).</param>
/// <param name="HolderMode">Who holds it: lead professional, broker, family.</param>
/// <param name="Year">The financial year.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day of the period (the "as at" date).</param>
/// <param name="Allocations">Each allocation: amount, date, who decided, and its working.</param>
/// <param name="Streams">Each stream's position.</param>
/// <param name="Lines">The movements in the period, by date.</param>
/// <param name="Outstanding">Orders holding money at the end of the period.</param>
/// <param name="SpendByCategory">Invoiced in the period, by service category.</param>
public sealed record BudgetStatement(string Area, string AreaName, string Budget, string Kind, string? Subject, string Holder, string HolderMode, string Year,
    LocalDate From, LocalDate To, IReadOnlyList<(Money Amount, LocalDate On, string DecidedBy, string Working)> Allocations, IReadOnlyList<StreamPosition> Streams,
    IReadOnlyList<StatementLine> Lines, IReadOnlyList<OutstandingOrder> Outstanding, IReadOnlyList<(string Category, Money Amount)> SpendByCategory)
{
    /// <summary>The total of a figure over the streams.</summary>
    public Money Total(Func<StreamPosition, Money> figure) => Streams.Aggregate(Money.Zero, (sum, s) => sum + figure(s));
}

/// <summary>Reads statements from the ledger.</summary>
public interface IStatementQueries
{
    /// <summary>The statement of one budget for the period <paramref name="firstDay"/>–<paramref name="lastDay"/>; null when there is no such budget.</summary>
    Task<BudgetStatement?> BudgetStatementAsync(string areaCode, string budgetCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct);

    /// <summary>The codes of the area's budgets of the financial year containing <paramref name="lastDay"/> (for statement runs), ordered.</summary>
    Task<IReadOnlyList<string>> BudgetCodesAsync(string areaCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct);
}

/// <summary>An invoice on a provider statement.</summary>
/// <param name="Order">The order it settled.</param>
/// <param name="Number">The provider's invoice number.</param>
/// <param name="InvoicedOn">Its date.</param>
/// <param name="Description">What was delivered.</param>
/// <param name="Amount">What it settled.</param>
/// <param name="PaidIn">The payment run that paid it, if any.</param>
public sealed record StatementInvoice(string Order, string Number, LocalDate InvoicedOn, string Description, Money Amount, string? PaidIn);

/// <summary>An outcome payment (or its clawback) on a provider statement, with how it was computed.</summary>
/// <param name="Claim">The claim's reference.</param>
/// <param name="What">Attachment fee, outcome or sustainment, and the outcome's code.</param>
/// <param name="Subject">The child's or family's pseudonymous reference.</param>
/// <param name="On">When it was approved (or, for a clawback, recovered).</param>
/// <param name="Amount">Positive for a payment owed, negative for a clawback.</param>
/// <param name="Working">How the amount was computed (base tariff, weight, caps, each payer's share), or why it was clawed back.</param>
/// <param name="PaidIn">The payment run that paid (or recovered) it, if any.</param>
public sealed record StatementOutcome(string Claim, string What, string Subject, LocalDate On, Money Amount, IReadOnlyList<string> Working, string? PaidIn);

/// <summary>
/// A provider's remittance and outcome statement for a month (DOMAIN.md §3.5): what it invoiced, the
/// outcome payments approved with their computation, any clawbacks, the payments made, and what it is owed
/// at the end. Owed at the start + invoiced + outcomes − clawbacks − paid = owed at the end.
/// </summary>
/// <param name="Area">The area's code.</param>
/// <param name="AreaName">The area's name.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="ProviderName">Its name.</param>
/// <param name="From">The first day of the period.</param>
/// <param name="To">The last day.</param>
/// <param name="OwedAtStart">What it was owed at the end of the day before.</param>
/// <param name="Invoices">Invoices settled in the period.</param>
/// <param name="Outcomes">Outcome payments approved and clawbacks recovered in the period.</param>
/// <param name="Payments">Payments made in the period: run reference, date, amount.</param>
/// <param name="OwedAtEnd">What it is owed at the end of the period.</param>
public sealed record ProviderStatement(string Area, string AreaName, string Provider, string ProviderName, LocalDate From, LocalDate To, Money OwedAtStart,
    IReadOnlyList<StatementInvoice> Invoices, IReadOnlyList<StatementOutcome> Outcomes, IReadOnlyList<(string Run, LocalDate On, Money Amount)> Payments, Money OwedAtEnd)
{
    /// <summary>Invoiced in the period.</summary>
    public Money Invoiced => Invoices.Aggregate(Money.Zero, (sum, i) => sum + i.Amount);

    /// <summary>Outcome payments less clawbacks in the period.</summary>
    public Money OutcomesNet => Outcomes.Aggregate(Money.Zero, (sum, o) => sum + o.Amount);

    /// <summary>Paid in the period.</summary>
    public Money Paid => Payments.Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
}

/// <summary>Reads provider statements from the ledger.</summary>
public interface IProviderStatementQueries
{
    /// <summary>A provider's statement for the period <paramref name="firstDay"/>–<paramref name="lastDay"/>; null when there is no such provider.</summary>
    Task<ProviderStatement?> ProviderStatementAsync(string areaCode, string providerCode, LocalDate firstDay, LocalDate lastDay, CancellationToken ct);

    /// <summary>The codes of the area's providers, ordered.</summary>
    Task<IReadOnlyList<string>> ProviderCodesAsync(string areaCode, CancellationToken ct);
}
