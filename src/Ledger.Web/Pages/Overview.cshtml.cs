using Ledger.Application.Accounting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages;

/// <summary>The read-only ledger overview: every account of the user's area with its posted, held and available balance.</summary>
[Authorize(Policy = Policies.Balances)]
public sealed class OverviewModel(IBalanceQueries balances) : PageModel
{
    /// <summary>The user's area.</summary>
    public string AreaCode { get; private set; } = string.Empty;

    /// <summary>The accounts, in name order.</summary>
    internal IReadOnlyList<OverviewEndpoints.AccountRow> Rows { get; private set; } = [];

    /// <summary>Loads the area's accounts.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        AreaCode = CurrentUser.From(User)!.AreaCode;
        Rows = await OverviewEndpoints.LoadAsync(balances, AreaCode, ct);
    }
}
