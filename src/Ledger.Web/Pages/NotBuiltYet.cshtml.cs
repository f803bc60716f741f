using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages;

/// <summary>A page of the web application not built yet: it says so, and what it will do. No data, real or made up.</summary>
public sealed class NotBuiltYetModel : PageModel
{
    /// <summary>The page it stands in for.</summary>
    public NextStep Step { get; private set; } = null!;

    /// <summary>Shows the placeholder, or 404 for an unknown one.</summary>
    public IActionResult OnGet(string slug)
    {
        if (NextSteps.Placeholder(slug) is not { } step)
        {
            return NotFound();
        }

        Step = step;
        return Page();
    }
}
