using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Ledger.Web.Pages.Budgets;

/// <summary>
/// The purchase form for one catalogue service: quantity, the need, the outcome sought, the child's wishes
/// and when the need was identified (R12). The form carries its own idempotency key, so pressing the
/// button twice places one order.
/// </summary>
public sealed class OrderModel(PurchaseWorkspace purchases, IClock clock) : FormPage
{
    /// <summary>The budget.</summary>
    public BudgetOverview Budget { get; private set; } = null!;

    /// <summary>The service.</summary>
    public CatalogueEntry Service { get; private set; } = null!;

    /// <summary>The user's delegated limits.</summary>
    public PurchasingLimit Limit { get; private set; } = null!;

    /// <summary>Units wanted.</summary>
    [BindProperty]
    public string? Quantity { get; set; }

    /// <summary>For a lead professional's own budget: the child or family bought for.</summary>
    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>The need addressed.</summary>
    [BindProperty]
    public string? Need { get; set; }

    /// <summary>The outcome sought.</summary>
    [BindProperty]
    public string? OutcomeSought { get; set; }

    /// <summary>The child's wishes.</summary>
    [BindProperty]
    public string? ChildWishes { get; set; }

    /// <summary>For a broker: why the purchase is in the child's best interests.</summary>
    [BindProperty]
    public string? BestInterests { get; set; }

    /// <summary>When the need was identified.</summary>
    [BindProperty]
    public DateParts NeedIdentified { get; set; } = new();

    /// <summary>This form's idempotency key.</summary>
    [BindProperty]
    public string? Key { get; set; }

    /// <summary>Whether the user is a broker (who must give a best-interests reason).</summary>
    public bool IsBroker { get; private set; }

    /// <summary>Shows the form.</summary>
    public async Task<IActionResult> OnGetAsync(string code, string service, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, service, ct);
        if (loaded is not null)
        {
            return loaded;
        }

        Key = Guid.NewGuid().ToString("N");
        Quantity = "1";
        NeedIdentified = DateParts.Of(London.Today(clock));
        return Page();
    }

    /// <summary>Places the order, or shows what to put right; nothing is written when the form is refused.</summary>
    public async Task<IActionResult> OnPostAsync(string code, string service, CancellationToken ct)
    {
        var loaded = await LoadAsync(code, service, ct);
        if (loaded is not null)
        {
            return loaded;
        }

        var actor = CurrentUser.From(User)!.ToActor()!;
        if (!int.TryParse(Quantity, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var quantity) || quantity < 1)
        {
            AddError("quantity", "Enter how many units, a whole number of at least 1.");
        }

        Require("need", Need, "Enter the need this service addresses.");
        Require("outcome-sought", OutcomeSought, "Enter the outcome sought.");
        Require("child-wishes", ChildWishes, "Enter the child's wishes (R12): what they said they want.");
        if (Budget.Subject == "-")
        {
            Require("subject", Subject, "Enter the reference of the child or family this is for.");
        }

        if (IsBroker)
        {
            Require("best-interests", BestInterests, "Enter why this purchase is in the child's best interests.");
        }

        var needOn = NeedIdentified.ToDate();
        var today = London.Today(clock);
        if (needOn is null)
        {
            AddError("need-identified", "Enter the date the need was identified as a real date, for example 27 3 2026.");
        }
        else if (needOn > today)
        {
            AddError("need-identified", "The date the need was identified must be today or in the past.");
        }

        if (string.IsNullOrWhiteSpace(Key) || Key.Length > 64)
        {
            Key = Guid.NewGuid().ToString("N");
        }

        if (Errors.Count == 0)
        {
            var result = await purchases.BuyAsync(actor, new OrderRequest($"web:{actor.UserName}:{Key}", actor.Area, Budget.Budget,
                Budget.Subject == "-" ? Subject!.Trim() : Budget.Subject, actor.Practitioner!, Service.Code, quantity, Need!.Trim(), OutcomeSought!.Trim(),
                ChildWishes!.Trim(), needOn!.Value, today, IsBroker ? BestInterests!.Trim() : null), ct);
            if (result.Succeeded)
            {
                TempData["Notice"] = result.Value!.Order.Status == Domain.Purchasing.OrderStatus.AwaitingApproval
                    ? $"Order {result.Value.Order.Reference} is placed and waits for a budget holder's approval. The money is held for it."
                    : $"Order {result.Value.Order.Reference} is placed and approved within your delegated limit.";
                return RedirectToPage("/Orders/Order", new { reference = result.Value.Order.Reference });
            }

            AddError(result.Error!, FieldFor(result.Error!.Code));
        }

        MarkErrors();
        return Page();
    }

    private static string FieldFor(BudgetErrorCode code) => code switch
    {
        BudgetErrorCode.InvalidQuantity or BudgetErrorCode.InvalidAmount or BudgetErrorCode.InsufficientFunds => "quantity",
        BudgetErrorCode.InvalidDates => "need-identified",
        BudgetErrorCode.UnknownSubject or BudgetErrorCode.NotOnCaseload => "subject",
        _ => "need",
    };

    private void Require(string fieldId, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            AddError(fieldId, message);
        }
        else if (value.Length > Domain.Purchasing.OrderTerms.MaxTextLength)
        {
            AddError(fieldId, $"Keep it under {Domain.Purchasing.OrderTerms.MaxTextLength} characters.");
        }
    }

    private async Task<IActionResult?> LoadAsync(string code, string service, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !AccessRules.MayBuy(actor))
        {
            return Forbid();
        }

        var budget = await purchases.BudgetAsync(actor, code, ct);
        var item = await purchases.ServiceAsync(actor, service, ct);
        var limit = await purchases.LimitAsync(actor, ct);
        if (!budget.Succeeded || !item.Succeeded || !limit.Succeeded)
        {
            return NotFound();
        }

        (Budget, Service, Limit) = (budget.Value!, item.Value!, limit.Value!);
        IsBroker = actor.Role == ActorRole.Broker;
        return null;
    }
}
