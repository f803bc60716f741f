using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Purchasing;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Ledger.Web.Pages.Orders;

/// <summary>
/// One order the user may see (one they may not see is not found, exactly as one that does not exist),
/// with what their role may do next: a budget holder decides on a waiting order; the lead professional
/// or provider confirms delivery; the provider invoices.
/// </summary>
public sealed class OrderModel(WorkspaceQueries queries, PurchaseWorkspace purchases, IClock clock) : FormPage
{
    /// <summary>The order.</summary>
    public OrderView View { get; private set; } = null!;

    /// <summary>Whether the user may approve or reject it now.</summary>
    public bool CanDecide { get; private set; }

    /// <summary>Whether the user may confirm its delivery now.</summary>
    public bool CanConfirm { get; private set; }

    /// <summary>Whether the user may invoice it now.</summary>
    public bool CanInvoice { get; private set; }

    /// <summary>Whether the user could invoice once delivery is confirmed (R12: a service is confirmed as started before it is invoiced).</summary>
    public bool InvoiceWaitsForDelivery { get; private set; }

    /// <summary>A message after a change, shown once.</summary>
    public string? Notice { get; private set; }

    /// <summary>The decision: "approve" or "reject".</summary>
    [BindProperty]
    public string? Decision { get; set; }

    /// <summary>The reason for a rejection, or the panel's reference.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The day the service started.</summary>
    [BindProperty]
    public DateParts StartedOn { get; set; } = new();

    /// <summary>The provider's invoice number.</summary>
    [BindProperty]
    public string? InvoiceNumber { get; set; }

    /// <summary>Units delivered and invoiced.</summary>
    [BindProperty]
    public string? Units { get; set; }

    /// <summary>The invoice date.</summary>
    [BindProperty]
    public DateParts InvoicedOn { get; set; } = new();

    /// <summary>Loads the order.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (await LoadAsync(reference, ct) is { } refused)
        {
            return refused;
        }

        Notice = TempData["Notice"] as string;
        var today = DateParts.Of(London.Today(clock));
        StartedOn = today;
        InvoicedOn = today;
        Units = View.Order.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>A budget holder approves or rejects the order.</summary>
    public async Task<IActionResult> OnPostDecideAsync(string reference, CancellationToken ct)
    {
        if (await LoadAsync(reference, ct) is { } refused)
        {
            return refused;
        }

        if (Decision is not ("approve" or "reject"))
        {
            AddError("decision", "Choose whether to approve or reject the order.");
        }
        else if (Decision == "reject" && string.IsNullOrWhiteSpace(Note))
        {
            AddError("note", "Enter why the order is rejected; the lead professional sees it.");
        }
        else if (Note?.Length > OrderTerms.MaxTextLength)
        {
            AddError("note", $"Keep the note under {OrderTerms.MaxTextLength} characters.");
        }

        return await ActAsync(reference, () => purchases.DecideAsync(Actor, reference, Decision == "approve", Note, ct),
            v => v.Order.Status == OrderStatus.Approved ? $"Order {reference} is approved; the provider may start." : $"Order {reference} is rejected; its money is released.",
            code => code == BudgetErrorCode.ReasonRequired ? "note" : "decision", ct);
    }

    /// <summary>The lead professional or provider confirms the service started.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string reference, CancellationToken ct)
    {
        if (await LoadAsync(reference, ct) is { } refused)
        {
            return refused;
        }

        var started = StartedOn.ToDate();
        if (started is null)
        {
            AddError("started-on", "Enter the day the service started as a real date, for example 27 3 2026.");
        }

        return await ActAsync(reference, () => purchases.ConfirmDeliveryAsync(Actor, reference, started!.Value, ct),
            _ => $"Delivery of order {reference} is confirmed.", _ => "started-on", ct);
    }

    /// <summary>The provider invoices the units delivered.</summary>
    public async Task<IActionResult> OnPostInvoiceAsync(string reference, CancellationToken ct)
    {
        if (await LoadAsync(reference, ct) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(InvoiceNumber) || InvoiceNumber.Length > 40)
        {
            AddError("invoice-number", "Enter your invoice number (up to 40 characters).");
        }

        if (!int.TryParse(Units, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var units) || units < 1)
        {
            AddError("units", "Enter the units delivered, a whole number of at least 1.");
        }

        var invoicedOn = InvoicedOn.ToDate();
        if (invoicedOn is null)
        {
            AddError("invoiced-on", "Enter the invoice date as a real date, for example 27 3 2026.");
        }

        return await ActAsync(reference, () => purchases.InvoiceAsync(Actor, reference, InvoiceNumber!.Trim(), units, invoicedOn!.Value, ct),
            v => $"Invoice {InvoiceNumber!.Trim()} for {Domain.Money.FromPence(v.Invoice?.Amount ?? 0)} is settled against order {reference}; it is paid in the next payment run.",
            code => code switch
            {
                BudgetErrorCode.InvalidQuantity => "units",
                BudgetErrorCode.InvalidDates or BudgetErrorCode.PeriodClosed => "invoiced-on",
                _ => "invoice-number",
            }, ct);
    }

    private Actor Actor => CurrentUser.From(User)!.ToActor()!;

    private async Task<IActionResult> ActAsync(string reference, Func<Task<Result<OrderView>>> act, Func<OrderView, string> notice,
        Func<BudgetErrorCode, string> field, CancellationToken ct)
    {
        if (Errors.Count == 0)
        {
            var result = await act();
            if (result.Succeeded)
            {
                TempData["Notice"] = notice(result.Value!);
                return RedirectToPage(new { reference });
            }

            AddError(result.Error!, field(result.Error!.Code));
            // A refusal may mean the order changed under the user: show it as it is now.
            await LoadAsync(reference, ct);
        }

        MarkErrors();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await queries.OrderAsync(actor, reference, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        View = result.Value!;
        var caseload = await queries.CaseloadReferencesAsync(actor, ct);
        var status = View.Order.Status;
        CanDecide = status == OrderStatus.AwaitingApproval && AccessRules.MayDecide(actor);
        CanConfirm = status is OrderStatus.Approved or OrderStatus.Invoiced && View.Order.ServiceStartedOn is null && AccessRules.MayConfirmDelivery(actor, View, caseload);
        CanInvoice = status == OrderStatus.Approved && View.Order.ServiceStartedOn is not null && AccessRules.MayInvoice(actor, View);
        InvoiceWaitsForDelivery = status == OrderStatus.Approved && View.Order.ServiceStartedOn is null && AccessRules.MayInvoice(actor, View);
        return null;
    }
}
