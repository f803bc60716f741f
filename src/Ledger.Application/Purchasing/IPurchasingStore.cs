using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;

namespace Ledger.Application.Purchasing;

/// <summary>How a write with concurrency checks ended.</summary>
public enum StoreWrite
{
    /// <summary>Everything was written in one transaction.</summary>
    Saved,

    /// <summary>A record changed since it was read; nothing was written. Read again and decide again.</summary>
    Conflict,

    /// <summary>A unique key was already taken; nothing was written.</summary>
    Duplicate,
}

/// <summary>A record changed by a use case, with the version it had when it was read.</summary>
/// <param name="Record">The changed record (a provider, order, delegated month or payment run).</param>
/// <param name="ReadVersion">Its version when read; the write is refused if the stored version differs.</param>
public sealed record VersionedChange(object Record, int ReadVersion);

/// <summary>One invoice in a payment run, with what each stream pays of it (for the remittance and the payment entry).</summary>
/// <param name="Invoice">The invoice.</param>
/// <param name="Order">The order it settles.</param>
/// <param name="Streams">Pence per stream, from the settled hold's legs; they sum to the invoice amount.</param>
public sealed record RunLine(Invoice Invoice, PurchaseOrder Order, IReadOnlyList<(FundingStreamId Stream, long Amount)> Streams);

/// <summary>
/// An outcome claim in a payment run (R20, R21): a payment owed (positive), or a clawback of a claim paid
/// earlier and found invalid, netted against the provider's payment (negative).
/// </summary>
/// <param name="Claim">The claim.</param>
/// <param name="Clawback">True when this line recovers the claim rather than pays it.</param>
/// <param name="Streams">Pence per payer stream, positive; the line's sign is given by <paramref name="Clawback"/>.</param>
public sealed record OutcomeRunLine(Domain.Outcomes.OutcomeClaim Claim, bool Clawback, IReadOnlyList<(FundingStreamId Stream, long Amount)> Streams)
{
    /// <summary>The line's effect on the payment, in pence: negative for a clawback.</summary>
    public long Amount => Clawback ? -Claim.Amount : Claim.Amount;
}

/// <summary>What purchasing reads and writes besides the ledger: providers, the catalogue, limits, orders, invoices and payment runs.</summary>
public interface IPurchasingStore
{
    /// <summary>The area's provider with this code.</summary>
    Task<Provider?> ProviderAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>Providers by id.</summary>
    Task<IReadOnlyList<Provider>> ProvidersAsync(IEnumerable<ProviderId> ids, CancellationToken ct);

    /// <summary>Every provider of the area, by code.</summary>
    Task<IReadOnlyList<Provider>> ProvidersAsync(AreaId area, CancellationToken ct);

    /// <summary>The area's catalogue entry with this code.</summary>
    Task<ServiceItem?> ServiceItemAsync(AreaId area, string code, CancellationToken ct);

    /// <summary>The area's catalogue, by code.</summary>
    Task<IReadOnlyList<ServiceItem>> CatalogueAsync(AreaId area, CancellationToken ct);

    /// <summary>A practitioner's delegated limits, if set.</summary>
    Task<DelegatedLimit?> LimitAsync(PractitionerId practitioner, CancellationToken ct);

    /// <summary>Replaces a practitioner's delegated limits.</summary>
    Task SetLimitAsync(DelegatedLimit limit, CancellationToken ct);

    /// <summary>What a practitioner committed under delegation in a month (yyyymm), if anything.</summary>
    Task<DelegatedMonth?> MonthAsync(PractitionerId practitioner, int month, CancellationToken ct);

    /// <summary>The area's order with this reference.</summary>
    Task<PurchaseOrder?> OrderAsync(AreaId area, string reference, CancellationToken ct);

    /// <summary>The order placed under this idempotency key.</summary>
    Task<PurchaseOrder?> OrderByKeyAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>The area's orders as people read them, oldest first; optionally only those of one budget.</summary>
    Task<IReadOnlyList<OrderView>> OrderViewsAsync(AreaId area, BudgetId? budget, CancellationToken ct);

    /// <summary>Orders whose status may disagree with their hold: open orders whose hold is resolved, closed ones whose hold is still open.</summary>
    Task<IReadOnlyList<(PurchaseOrder Order, HoldStatus Hold)>> OrdersToReconcileAsync(CancellationToken ct);

    /// <summary>The invoice a provider numbered so.</summary>
    Task<Invoice?> InvoiceAsync(ProviderId provider, string number, CancellationToken ct);

    /// <summary>The invoice settling an order.</summary>
    Task<Invoice?> InvoiceForOrderAsync(PurchaseOrderId order, CancellationToken ct);

    /// <summary>A hold with its legs.</summary>
    Task<Hold?> HoldAsync(HoldId hold, CancellationToken ct);

    /// <summary>The hold reserved under this ledger idempotency key.</summary>
    Task<Hold?> HoldByKeyAsync(string idempotencyKey, CancellationToken ct);

    /// <summary>Adds new records and applies changes in one transaction, refusing stale changes.</summary>
    Task<StoreWrite> SaveAsync(IEnumerable<object> added, IEnumerable<VersionedChange> changed, CancellationToken ct);

    /// <summary>True when the accounting period containing <paramref name="day"/> is closed for the area (R27).</summary>
    Task<bool> IsPeriodClosedAsync(AreaId area, NodaTime.LocalDate day, CancellationToken ct);

    /// <summary>The area's payment run for a date.</summary>
    Task<PaymentRun?> RunAsync(AreaId area, NodaTime.LocalDate runOn, CancellationToken ct);

    /// <summary>The area's payment run with this reference.</summary>
    Task<PaymentRun?> RunAsync(AreaId area, string reference, CancellationToken ct);

    /// <summary>The area's unfinished payment run, if any.</summary>
    Task<PaymentRun?> UnfinishedRunAsync(AreaId area, CancellationToken ct);

    /// <summary>
    /// Starts a run and, in the same transaction, gathers into it every settled invoice of the area
    /// invoiced on or before its date, and every approved outcome claim whose payment is owed by then,
    /// that no run has gathered. Each invoice and claim is gathered by one run only.
    /// </summary>
    Task<StoreWrite> StartRunAsync(PaymentRun run, CancellationToken ct);

    /// <summary>The invoices a run gathered, with each stream's part.</summary>
    Task<IReadOnlyList<RunLine>> RunLinesAsync(PaymentRunId run, CancellationToken ct);

    /// <summary>The outcome claims a run pays and the clawbacks it nets, with each stream's part.</summary>
    Task<IReadOnlyList<OutcomeRunLine>> OutcomeRunLinesAsync(PaymentRunId run, CancellationToken ct);

    /// <summary>Claims of the area found invalid after a run gathered them, whose recovery no run has netted yet, with each stream's part.</summary>
    Task<IReadOnlyList<OutcomeRunLine>> PendingClawbacksAsync(AreaId area, CancellationToken ct);

    /// <summary>Gathers clawbacks into a run: each only if no run has gathered it.</summary>
    Task GatherClawbacksAsync(PaymentRunId run, IReadOnlyList<Domain.Outcomes.OutcomeClaim> claims, CancellationToken ct);

    /// <summary>Marks the approved claims a run gathered for a provider as paid, once the provider's payment is recorded.</summary>
    Task MarkClaimsPaidAsync(PaymentRunId run, ProviderId provider, CancellationToken ct);

    /// <summary>The payments a run has made so far.</summary>
    Task<IReadOnlyList<ProviderPayment>> PaymentsAsync(PaymentRunId run, CancellationToken ct);

    /// <summary>The area's payment runs, newest first.</summary>
    Task<IReadOnlyList<PaymentRun>> RunsAsync(AreaId area, CancellationToken ct);
}
