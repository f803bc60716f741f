using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Purchasing;

/// <summary>
/// A provider's invoice for units delivered against one order (R13). It settles the order's hold in
/// full or in part (the rest goes back to the streams it came from) and becomes a provider payable,
/// paid once by the payment run it is gathered into.
/// </summary>
public sealed class Invoice
{
    /// <summary>The longest invoice number accepted.</summary>
    public const int MaxNumberLength = 40;

    private Invoice()
    {
        Number = string.Empty;
        IdempotencyKey = string.Empty;
    }

    /// <summary>The invoice's id.</summary>
    public InvoiceId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The order it settles.</summary>
    public PurchaseOrderId Order { get; private set; }

    /// <summary>The provider that sent it.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>The provider's own invoice number; unique per provider.</summary>
    public string Number { get; private set; }

    /// <summary>Units invoiced.</summary>
    public int Units { get; private set; }

    /// <summary>The amount settled, in pence.</summary>
    public long Amount { get; private set; }

    /// <summary>The invoice date: the settlement's business date.</summary>
    public LocalDate InvoicedOn { get; private set; }

    /// <summary>The ledger entry that settled the hold.</summary>
    public JournalEntryId SettlementEntry { get; private set; }

    /// <summary>The payment run that pays it, once gathered.</summary>
    public PaymentRunId? PaymentRun { get; private set; }

    /// <summary>When it was recorded.</summary>
    public Instant RecordedAt { get; private set; }

    /// <summary>The request's idempotency key.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>Checks an invoice number: 1–40 letters, digits and - / . _ characters.</summary>
    public static BudgetError? CheckNumber(string? number) =>
        string.IsNullOrWhiteSpace(number) || number.Length > MaxNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.' or '_')
            ? new BudgetError(BudgetErrorCode.InvalidRequest, $"An invoice number is 1–{MaxNumberLength} letters, digits, '-', '/', '.' or '_'.")
            : null;

    /// <summary>Records an invoice whose settlement was posted as <paramref name="entry"/>.</summary>
    public static Invoice Record(InvoiceId id, PurchaseOrder order, string number, int units, LocalDate invoicedOn, JournalEntryId entry, string key, Instant now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new Invoice
        {
            Id = id, Area = order.Area, Order = order.Id, Provider = order.Provider, Number = number, Units = units, Amount = order.InvoiceAmount(units).Pence,
            InvoicedOn = invoicedOn, SettlementEntry = entry, IdempotencyKey = key, RecordedAt = now,
        };
    }
}

/// <summary>Where a payment run is.</summary>
public enum PaymentRunStatus
{
    /// <summary>Invoices gathered; payments being posted. A run left here by a crash is finished by running it again.</summary>
    Started,

    /// <summary>Every provider in the run has been paid.</summary>
    Completed,
}

/// <summary>
/// A payment run (R13): for one area and date, the settled invoices not yet paid are gathered once,
/// then each provider is paid once with a remittance listing its orders. The gathering and each
/// payment are separate idempotent steps, so a run stopped half way is finished by running it again.
/// </summary>
public sealed class PaymentRun
{
    private PaymentRun()
    {
        Reference = string.Empty;
    }

    /// <summary>The run's id.</summary>
    public PaymentRunId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The run's reference, e.g. "PR-WESTMOOR-20261127"; one run per area per day.</summary>
    public string Reference { get; private set; }

    /// <summary>The payment date: the business date of its ledger entries.</summary>
    public LocalDate RunOn { get; private set; }

    /// <summary>Where it is.</summary>
    public PaymentRunStatus Status { get; private set; }

    /// <summary>When it started.</summary>
    public Instant StartedAt { get; private set; }

    /// <summary>When it completed.</summary>
    public Instant? CompletedAt { get; private set; }

    /// <summary>Bumped on every change.</summary>
    public int Version { get; private set; }

    /// <summary>The reference of a run for an area and date.</summary>
    public static string ReferenceFor(string areaCode, LocalDate date) => $"PR-{areaCode}-{date:yyyyMMdd}";

    /// <summary>Starts a run.</summary>
    public static PaymentRun Start(PaymentRunId id, AreaId area, string areaCode, LocalDate runOn, Instant now) =>
        new() { Id = id, Area = area, Reference = ReferenceFor(areaCode, runOn), RunOn = runOn, Status = PaymentRunStatus.Started, StartedAt = now };

    /// <summary>Marks it completed.</summary>
    public void Complete(Instant now)
    {
        Status = PaymentRunStatus.Completed;
        CompletedAt = now;
        Version++;
    }
}

/// <summary>One provider's payment in a run: the total of its invoices in the run, posted as one ledger entry (a line per stream).</summary>
public sealed class ProviderPayment
{
    private ProviderPayment()
    {
    }

    /// <summary>The run.</summary>
    public PaymentRunId Run { get; private set; }

    /// <summary>The provider paid.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>The amount paid, in pence.</summary>
    public long Amount { get; private set; }

    /// <summary>How many invoices it pays.</summary>
    public int Invoices { get; private set; }

    /// <summary>The ledger entry: provider payable debited, the streams' funds credited.</summary>
    public JournalEntryId Entry { get; private set; }

    /// <summary>When it was recorded.</summary>
    public Instant PaidAt { get; private set; }

    /// <summary>Records a payment posted as <paramref name="entry"/>.</summary>
    public static ProviderPayment Record(PaymentRunId run, ProviderId provider, Money amount, int invoices, JournalEntryId entry, Instant now) =>
        new() { Run = run, Provider = provider, Amount = amount.Pence, Invoices = invoices, Entry = entry, PaidAt = now };
}
