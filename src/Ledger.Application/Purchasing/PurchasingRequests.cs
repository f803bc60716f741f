using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Purchasing;

/// <summary>Settings for purchasing.</summary>
public sealed class PurchasingOptions
{
    /// <summary>The configuration section: <c>Ledger:Purchasing</c>.</summary>
    public const string Section = "Ledger:Purchasing";

    /// <summary>Days after an order is placed when its hold expires if it has not been invoiced (R13). Default 90.</summary>
    public int HoldExpiryDays { get; set; } = 90;
}

/// <summary>Registers a provider (R7).</summary>
public sealed record ProviderRequest(string Area, string Code, string Name, ProviderSector Sector, string SortCode, string AccountNumber, string AccountName);

/// <summary>Adds a catalogue entry (R8).</summary>
public sealed record ServiceRequest(string Area, string Code, string Name, string Provider, ServiceCategory Category, string Unit, Money UnitPrice);

/// <summary>Sets a practitioner's delegated limits (R11); only a budget holder may.</summary>
public sealed record LimitRequest(string Area, string Practitioner, Money PerPurchase, Money Monthly, Money PanelThreshold, string SetBy);

/// <summary>
/// Places a purchase order (R9–R12): from the catalogue (<paramref name="Service"/>) or a spot purchase
/// (<paramref name="Provider"/>, <paramref name="Category"/>, <paramref name="Description"/>, <paramref name="Unit"/>,
/// <paramref name="UnitPrice"/> and <paramref name="SpotReason"/>).
/// </summary>
/// <param name="IdempotencyKey">The caller's key: a retry returns the first order and holds no more money.</param>
/// <param name="Area">The area's code.</param>
/// <param name="Budget">The budget's code, e.g. "IB-CHILD-0001-2026" or "LPB-LP-0001-2026".</param>
/// <param name="Subject">The child or family; required for a lead professional's budget, optional (must match) for an individual one.</param>
/// <param name="RequestedBy">The lead professional or broker placing it.</param>
/// <param name="Service">A catalogue entry's code, or null for a spot purchase.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Need">The need addressed.</param>
/// <param name="OutcomeSought">The outcome sought.</param>
/// <param name="ChildWishes">The child's wishes.</param>
/// <param name="NeedIdentifiedOn">When the need was identified.</param>
/// <param name="OrderedOn">The order date.</param>
/// <param name="BestInterestsReason">For a broker, required.</param>
/// <param name="Provider">For a spot purchase: the provider's code.</param>
/// <param name="Category">For a spot purchase: the category.</param>
/// <param name="Description">For a spot purchase: what is bought.</param>
/// <param name="Unit">For a spot purchase: the unit.</param>
/// <param name="UnitPrice">For a spot purchase: the unit price.</param>
/// <param name="SpotReason">For a spot purchase: why.</param>
public sealed record OrderRequest(string IdempotencyKey, string Area, string Budget, string? Subject, string RequestedBy, string? Service, int Quantity,
    string Need, string OutcomeSought, string ChildWishes, LocalDate NeedIdentifiedOn, LocalDate OrderedOn, string? BestInterestsReason = null,
    string? Provider = null, ServiceCategory? Category = null, string? Description = null, string? Unit = null, Money? UnitPrice = null,
    string? SpotReason = null);

/// <summary>A budget holder's (or, recorded by one, a panel's) decision on a waiting order (R11).</summary>
/// <param name="Area">The area's code.</param>
/// <param name="Order">The order's reference.</param>
/// <param name="DecidedBy">The budget holder.</param>
/// <param name="Approve">True to approve, false to reject (the hold is released).</param>
/// <param name="On">The decision date.</param>
/// <param name="Note">For a panel: its reference (required); for a rejection: the reason (required).</param>
public sealed record DecisionRequest(string Area, string Order, string DecidedBy, bool Approve, LocalDate On, string? Note = null);

/// <summary>A provider's invoice for units delivered on an order (R13).</summary>
/// <param name="Area">The area's code.</param>
/// <param name="Order">The order's reference.</param>
/// <param name="Number">The provider's invoice number.</param>
/// <param name="Units">Units delivered and invoiced; at most the units ordered.</param>
/// <param name="InvoicedOn">The invoice date.</param>
/// <param name="Provider">The provider on the invoice, if given: refused when the order is another provider's.</param>
public sealed record InvoiceRequest(string Area, string Order, string Number, int Units, LocalDate InvoicedOn, string? Provider = null);

/// <summary>An order as people read it: the order, its provider and budget codes, and its dates.</summary>
/// <param name="Order">The order.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="Budget">The budget's code.</param>
/// <param name="Subject">The child's or family's pseudonymous reference.</param>
/// <param name="RequestedBy">The requester's code.</param>
/// <param name="Invoice">The invoice settling it, if any.</param>
public sealed record OrderView(PurchaseOrder Order, string Provider, string Budget, string Subject, string RequestedBy, Invoice? Invoice);
