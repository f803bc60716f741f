using Ledger.Application.Access;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages.Remittances;

/// <summary>
/// A provider's remittances: each payment run that paid it, newest first, with the invoices, outcome claims and clawbacks of its payment;
/// and a link to the provider's own statement PDF for this month and each month a run paid it.
/// </summary>
[Authorize(Roles = LedgerRoles.Provider)]
public sealed class IndexModel(ClaimsWorkspace claims, IClock clock) : PageModel
{
    /// <summary>The remittances.</summary>
    public IReadOnlyList<Remittance> Remittances { get; private set; } = [];

    /// <summary>The provider's code.</summary>
    public string Provider { get; private set; } = string.Empty;

    /// <summary>The months with a statement to download, newest first: this month (to date) and each month a payment run paid the provider.</summary>
    public IReadOnlyList<YearMonth> Months { get; private set; } = [];

    /// <summary>This month, whose statement is to date.</summary>
    public YearMonth ThisMonth { get; private set; }

    /// <summary>The address of the provider's statement PDF for a month.</summary>
    public string StatementPath(YearMonth month) => StatementDownloads.Path("providers", Provider, month);

    /// <summary>Loads the remittances.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await claims.RemittancesAsync(actor, ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Remittances = result.Value!;
        Provider = actor.Provider ?? string.Empty;
        ThisMonth = London.Today(clock).ToYearMonth();
        Months = Remittances.Select(r => r.Run.RunOn.ToYearMonth()).Append(ThisMonth).Where(m => m <= ThisMonth)
            .Distinct().OrderDescending().ToList();
        return Page();
    }
}
