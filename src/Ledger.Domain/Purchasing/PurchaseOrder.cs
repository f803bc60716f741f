using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.Purchasing;

/// <summary>Where a purchase order is in its life. Its money is held from the moment it is placed (R9).</summary>
public enum OrderStatus
{
    /// <summary>Above the delegated limits: money held, waiting for a budget holder or a panel (R11).</summary>
    AwaitingApproval,

    /// <summary>Committed (at once or on approval): the provider may deliver and invoice.</summary>
    Approved,

    /// <summary>Refused by a budget holder or panel; the hold was released.</summary>
    Rejected,

    /// <summary>Cancelled before it was invoiced; the hold was released.</summary>
    Cancelled,

    /// <summary>Invoiced: the hold was settled in full or in part, the rest released (R13).</summary>
    Invoiced,

    /// <summary>Not invoiced in time; the hold expired and was released.</summary>
    Expired,
}

/// <summary>What a lead professional or broker asks to buy, and why (R8, R9, R12).</summary>
/// <param name="Category">The service category.</param>
/// <param name="Description">What is bought (no personal details).</param>
/// <param name="Unit">The unit, e.g. "session".</param>
/// <param name="UnitPrice">The price of one unit.</param>
/// <param name="Quantity">How many units.</param>
/// <param name="Need">The need addressed.</param>
/// <param name="OutcomeSought">The outcome sought.</param>
/// <param name="ChildWishes">What the child (or family) wants, in their words as recorded.</param>
/// <param name="SpotReason">Why a spot purchase (not from the catalogue) was made; required for one.</param>
/// <param name="BestInterestsReason">For a broker: why the purchase is in the child's best interests; required for one.</param>
public sealed record OrderTerms(ServiceCategory Category, string Description, string Unit, Money UnitPrice, int Quantity, string Need, string OutcomeSought,
    string ChildWishes, string? SpotReason = null, string? BestInterestsReason = null)
{
    /// <summary>The most units one order may buy.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>The highest unit price accepted (£1,000,000): anything above is a typing error, and the amount cannot overflow.</summary>
    public static readonly Money MaxUnitPrice = Money.FromPounds(1_000_000);

    /// <summary>The longest free-text field accepted.</summary>
    public const int MaxTextLength = 1000;

    /// <summary>Quantity × unit price.</summary>
    public Money Amount => Money.FromPence(checked(UnitPrice.Pence * Quantity));
}

/// <summary>
/// A purchase order: a commitment (hold) on a child's, family's or lead professional's budget for a
/// service from one provider (R9), split across the budget's streams (R10), approved within or above
/// delegated limits (R11), dated from need to service start (R12), and settled by one invoice (R13).
/// </summary>
public sealed class PurchaseOrder
{
    private PurchaseOrder()
    {
        Reference = string.Empty;
        Description = string.Empty;
        Unit = string.Empty;
        Need = string.Empty;
        OutcomeSought = string.Empty;
        ChildWishes = string.Empty;
        IdempotencyKey = string.Empty;
    }

    /// <summary>The order's id.</summary>
    public PurchaseOrderId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The order's reference, e.g. "PO-0193A2F4C1D8", quoted on invoices and remittances.</summary>
    public string Reference { get; private set; }

    /// <summary>The budget the money is held on.</summary>
    public BudgetId Budget { get; private set; }

    /// <summary>The child or family the service is for.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>The provider.</summary>
    public ProviderId Provider { get; private set; }

    /// <summary>The catalogue entry, or null for a spot purchase.</summary>
    public ServiceItemId? ServiceItem { get; private set; }

    /// <summary>The category.</summary>
    public ServiceCategory Category { get; private set; }

    /// <summary>What is bought.</summary>
    public string Description { get; private set; }

    /// <summary>The unit.</summary>
    public string Unit { get; private set; }

    /// <summary>The price of one unit, in pence, fixed when ordered.</summary>
    public long UnitPrice { get; private set; }

    /// <summary>Units ordered.</summary>
    public int Quantity { get; private set; }

    /// <summary>The amount held, in pence.</summary>
    public long Amount { get; private set; }

    /// <summary>The need addressed.</summary>
    public string Need { get; private set; }

    /// <summary>The outcome sought.</summary>
    public string OutcomeSought { get; private set; }

    /// <summary>The child's wishes.</summary>
    public string ChildWishes { get; private set; }

    /// <summary>Why a spot purchase was made.</summary>
    public string? SpotReason { get; private set; }

    /// <summary>A broker's best-interests reason.</summary>
    public string? BestInterestsReason { get; private set; }

    /// <summary>The lead professional or broker who asked.</summary>
    public PractitionerId RequestedBy { get; private set; }

    /// <summary>When the need was identified (R12).</summary>
    public LocalDate NeedIdentifiedOn { get; private set; }

    /// <summary>When the order was placed: the hold's business date (R12).</summary>
    public LocalDate OrderedOn { get; private set; }

    /// <summary>When the provider confirmed the service started (R12).</summary>
    public LocalDate? ServiceStartedOn { get; private set; }

    /// <summary>The hold on the budget.</summary>
    public HoldId Hold { get; private set; }

    /// <summary>Who must agree (R11).</summary>
    public ApprovalRoute Route { get; private set; }

    /// <summary>Where the order is in its life.</summary>
    public OrderStatus Status { get; private set; }

    /// <summary>The budget holder who decided, when the route needed one.</summary>
    public PractitionerId? DecidedBy { get; private set; }

    /// <summary>When the decision was made.</summary>
    public LocalDate? DecidedOn { get; private set; }

    /// <summary>The panel's reference, or the reason for a rejection or cancellation.</summary>
    public string? DecisionNote { get; private set; }

    /// <summary>The request's idempotency key.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>When it was placed.</summary>
    public Instant PlacedAt { get; private set; }

    /// <summary>Bumped on every change; the database refuses a stale write, so two approvers cannot both approve.</summary>
    public int Version { get; private set; }

    /// <summary>Days from need identified to service started, when started (R12: "do families get help faster?").</summary>
    public int? DaysToService => ServiceStartedOn is { } started ? Period.Between(NeedIdentifiedOn, started, PeriodUnits.Days).Days : null;

    /// <summary>Days from need identified to order placed.</summary>
    public int DaysToOrder => Period.Between(NeedIdentifiedOn, OrderedOn, PeriodUnits.Days).Days;

    /// <summary>Checks an order's terms and dates; null when they are acceptable.</summary>
    public static BudgetError? Check(OrderTerms terms, LocalDate needIdentifiedOn, LocalDate orderedOn, bool spot, bool broker)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Quantity is <= 0 or > OrderTerms.MaxQuantity)
        {
            return new BudgetError(BudgetErrorCode.InvalidQuantity, $"The quantity must be 1–{OrderTerms.MaxQuantity:N0}.");
        }

        if (!terms.UnitPrice.IsPositive || terms.UnitPrice > OrderTerms.MaxUnitPrice)
        {
            return new BudgetError(BudgetErrorCode.InvalidAmount, $"The unit price must be above zero and at most {OrderTerms.MaxUnitPrice}.");
        }

        if (!Enum.IsDefined(terms.Category))
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "Unknown service category.");
        }

        if (Missing(terms.Need) || Missing(terms.OutcomeSought) || Missing(terms.ChildWishes) || Missing(terms.Description))
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest,
                $"An order records what is bought, the need addressed, the outcome sought and the child's wishes (each 1–{OrderTerms.MaxTextLength:N0} characters).");
        }

        if (spot && Missing(terms.SpotReason))
        {
            return new BudgetError(BudgetErrorCode.ReasonRequired, "A spot purchase (not from the catalogue) needs a reason (R8).");
        }

        if (broker && Missing(terms.BestInterestsReason))
        {
            return new BudgetError(BudgetErrorCode.ReasonRequired, "A broker's order needs a best-interests reason.");
        }

        if (string.IsNullOrWhiteSpace(terms.Unit) || terms.Unit.Length > 30)
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "The unit must be 1–30 characters.");
        }

        return needIdentifiedOn > orderedOn
            ? new BudgetError(BudgetErrorCode.InvalidDates, "The need cannot be identified after the order is placed (R12).")
            : null;

        static bool Missing(string? text) => string.IsNullOrWhiteSpace(text) || text.Length > OrderTerms.MaxTextLength;
    }

    /// <summary>Places an order whose money is already held under <paramref name="hold"/>; its status follows the route.</summary>
    public static PurchaseOrder Place(PurchaseOrderId id, AreaId area, Budget budget, SubjectId subject, Provider provider, ServiceItemId? item, OrderTerms terms,
        PractitionerId requestedBy, LocalDate needIdentifiedOn, LocalDate orderedOn, HoldId hold, ApprovalRoute route, string idempotencyKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(terms);
        return new PurchaseOrder
        {
            Id = id,
            Area = area,
            Reference = ReferenceFor(id),
            Budget = budget.Id,
            Subject = subject,
            Provider = provider.Id,
            ServiceItem = item,
            Category = terms.Category,
            Description = terms.Description.Trim(),
            Unit = terms.Unit.Trim(),
            UnitPrice = terms.UnitPrice.Pence,
            Quantity = terms.Quantity,
            Amount = terms.Amount.Pence,
            Need = terms.Need.Trim(),
            OutcomeSought = terms.OutcomeSought.Trim(),
            ChildWishes = terms.ChildWishes.Trim(),
            SpotReason = terms.SpotReason?.Trim(),
            BestInterestsReason = terms.BestInterestsReason?.Trim(),
            RequestedBy = requestedBy,
            NeedIdentifiedOn = needIdentifiedOn,
            OrderedOn = orderedOn,
            Hold = hold,
            Route = route,
            Status = route == ApprovalRoute.Delegated ? OrderStatus.Approved : OrderStatus.AwaitingApproval,
            IdempotencyKey = idempotencyKey,
            PlacedAt = now,
        };
    }

    /// <summary>An order's reference from its id: "PO-" and the id's last twelve hex digits (random in a version-7 id).</summary>
    public static string ReferenceFor(PurchaseOrderId id) => "PO-" + id.Value.ToString("N")[^12..].ToUpperInvariant();

    /// <summary>True when the request is the one that placed this order (for replays under the same key).</summary>
    public bool SameRequest(BudgetId budget, SubjectId subject, ProviderId provider, ServiceItemId? item, OrderTerms terms, PractitionerId requestedBy,
        LocalDate needIdentifiedOn, LocalDate orderedOn)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Budget == budget && Subject == subject && Provider == provider && ServiceItem == item && Category == terms.Category
            && Description == terms.Description.Trim() && Unit == terms.Unit.Trim() && UnitPrice == terms.UnitPrice.Pence && Quantity == terms.Quantity
            && Need == terms.Need.Trim() && OutcomeSought == terms.OutcomeSought.Trim() && ChildWishes == terms.ChildWishes.Trim()
            && SpotReason == terms.SpotReason?.Trim() && BestInterestsReason == terms.BestInterestsReason?.Trim()
            && RequestedBy == requestedBy && NeedIdentifiedOn == needIdentifiedOn && OrderedOn == orderedOn;
    }

    /// <summary>
    /// Checks that <paramref name="decider"/> may decide the order now (R11): it must be waiting, the
    /// decider must not be the requester, and a panel decision needs the panel's reference.
    /// </summary>
    public BudgetError? CheckDecision(PractitionerId decider, string? panelReference)
    {
        if (Status != OrderStatus.AwaitingApproval)
        {
            return new BudgetError(BudgetErrorCode.NotAwaitingApproval, $"Order {Reference} is {Status}, not waiting for a decision.");
        }

        if (decider == RequestedBy)
        {
            return new BudgetError(BudgetErrorCode.SelfApproval, $"Order {Reference} was asked for by the same person; another budget holder must decide (R11).");
        }

        return Route == ApprovalRoute.Panel && string.IsNullOrWhiteSpace(panelReference)
            ? new BudgetError(BudgetErrorCode.PanelReferenceRequired, $"Order {Reference} is above the panel threshold; record the panel's decision with its reference.")
            : null;
    }

    /// <summary>Approves a waiting order (after <see cref="CheckDecision"/>).</summary>
    public void Approve(PractitionerId decider, LocalDate on, string? note) => Decide(OrderStatus.Approved, decider, on, note);

    /// <summary>Rejects a waiting order (after <see cref="CheckDecision"/>); the caller releases the hold.</summary>
    public void Reject(PractitionerId decider, LocalDate on, string reason) => Decide(OrderStatus.Rejected, decider, on, reason);

    /// <summary>Checks that the order can still be cancelled: waiting or approved, not invoiced.</summary>
    public BudgetError? CheckCancel() =>
        Status is OrderStatus.AwaitingApproval or OrderStatus.Approved
            ? null
            : new BudgetError(Status == OrderStatus.Invoiced ? BudgetErrorCode.OrderAlreadyInvoiced : BudgetErrorCode.OrderClosed,
                $"Order {Reference} is {Status}; only a waiting or approved order can be cancelled.");

    /// <summary>Cancels the order (after <see cref="CheckCancel"/>); the caller releases the hold.</summary>
    public void Cancel(string reason)
    {
        Status = OrderStatus.Cancelled;
        DecisionNote = reason.Trim();
        Version++;
    }

    /// <summary>Records that the provider started the service (R12). Only an approved order can start, not before it was ordered.</summary>
    public BudgetError? ConfirmStart(LocalDate startedOn)
    {
        if (CheckOpenForDelivery() is { } closed)
        {
            return closed;
        }

        if (startedOn < OrderedOn)
        {
            return new BudgetError(BudgetErrorCode.InvalidDates, $"The service cannot start before the order date {OrderedOn:uuuu-MM-dd} (R12).");
        }

        if (ServiceStartedOn is { } already)
        {
            return already == startedOn ? null : new BudgetError(BudgetErrorCode.InvalidDates, $"The service start was already confirmed as {already:uuuu-MM-dd}.");
        }

        ServiceStartedOn = startedOn;
        Version++;
        return null;
    }

    /// <summary>Checks an invoice of <paramref name="units"/> against the order (R13).</summary>
    public BudgetError? CheckInvoice(int units)
    {
        if (Status == OrderStatus.Invoiced)
        {
            return new BudgetError(BudgetErrorCode.OrderAlreadyInvoiced, $"Order {Reference} has already been invoiced; a hold is settled once (R9).");
        }

        if (CheckOpenForDelivery() is { } closed)
        {
            return closed;
        }

        if (ServiceStartedOn is null)
        {
            return new BudgetError(BudgetErrorCode.DeliveryNotConfirmed, $"Confirm that the service on order {Reference} started before invoicing it (R12).");
        }

        return units <= 0
            ? new BudgetError(BudgetErrorCode.InvalidQuantity, "An invoice is for at least one unit.")
            : units > Quantity
                ? new BudgetError(BudgetErrorCode.UnitsExceedOrder, $"Order {Reference} is for {Quantity} {Unit}(s); an invoice for {units} is more than was ordered.")
                : null;
    }

    /// <summary>The amount an invoice for <paramref name="units"/> settles.</summary>
    public Money InvoiceAmount(int units) => Money.FromPence(checked(UnitPrice * units));

    /// <summary>Marks the order invoiced (after <see cref="CheckInvoice"/> and the settlement).</summary>
    public void MarkInvoiced()
    {
        Status = OrderStatus.Invoiced;
        Version++;
    }

    /// <summary>Marks the order expired: its hold was not settled in time.</summary>
    public void MarkExpired()
    {
        Status = OrderStatus.Expired;
        Version++;
    }

    /// <summary>True while the order's money is held.</summary>
    public bool IsOpen => Status is OrderStatus.AwaitingApproval or OrderStatus.Approved;

    private BudgetError? CheckOpenForDelivery() =>
        Status switch
        {
            OrderStatus.Approved => null,
            OrderStatus.AwaitingApproval => new BudgetError(BudgetErrorCode.OrderNotApproved, $"Order {Reference} is waiting for approval (R11)."),
            OrderStatus.Invoiced => new BudgetError(BudgetErrorCode.OrderAlreadyInvoiced, $"Order {Reference} has already been invoiced."),
            _ => new BudgetError(BudgetErrorCode.OrderClosed, $"Order {Reference} is {Status}."),
        };

    private void Decide(OrderStatus status, PractitionerId decider, LocalDate on, string? note)
    {
        Status = status;
        DecidedBy = decider;
        DecidedOn = on;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Version++;
    }
}
