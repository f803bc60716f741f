using Ledger.Application.Budgets;
using Ledger.Application.Purchasing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages;

/// <summary>The signed-in user's home page: who they are, their area, and what they can do next.</summary>
public sealed class IndexModel(IBudgetStore budgets, IPurchasingStore purchasing) : PageModel
{
    /// <summary>The user (never null: the page needs sign-in).</summary>
    public CurrentUser Me { get; private set; } = null!;

    /// <summary>The area's name, or null when the area is not in the database.</summary>
    public string? AreaName { get; private set; }

    /// <summary>The provider's name for a provider's user.</summary>
    public string? ProviderName { get; private set; }

    /// <summary>The pages for the user's role.</summary>
    public IReadOnlyList<NextStep> Steps { get; private set; } = [];

    /// <summary>Loads the area's and provider's names.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = CurrentUser.From(User)!;
        var area = await budgets.AreaAsync(Me.AreaCode, ct);
        AreaName = area?.Name;
        if (area is not null && Me.ProviderCode is { } provider)
        {
            ProviderName = (await purchasing.ProviderAsync(area.Id, provider, ct))?.Name;
        }

        Steps = NextSteps.For(Me.Role);
    }
}
