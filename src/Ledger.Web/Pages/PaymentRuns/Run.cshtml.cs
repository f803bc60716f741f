using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.PaymentRuns;

/// <summary>One payment run: what each provider was paid, line by line.</summary>
public sealed class RunModel(PurchaseWorkspace purchases) : PageModel
{
    /// <summary>The run and its remittances.</summary>
    public PaymentRunResult Run { get; private set; } = null!;

    /// <summary>A message after running it, shown once.</summary>
    public string? Notice { get; private set; }

    /// <summary>Loads the run; another area's is not found.</summary>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor || !AccessRules.MayRunPayments(actor))
        {
            return Forbid();
        }

        var result = await purchases.PaymentRunAsync(actor, reference, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        Run = result.Value!;
        Notice = TempData["Notice"] as string;
        return Page();
    }
}
