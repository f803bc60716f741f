using System.Globalization;
using Ledger.Application.Access;
using Ledger.Application.Purchasing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Orders;

/// <summary>The purchase orders the signed-in user may see (the application's access rules decide), newest first, a page at a time.</summary>
public sealed class IndexModel(WorkspaceQueries queries) : PageModel
{
    /// <summary>Orders per page.</summary>
    public const int PageSize = 20;

    /// <summary>This page of orders.</summary>
    public Page<OrderView> Orders { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The child or family the list is narrowed to, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>Loads the page asked for (the first when the number is missing or not a page there is).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        // "page" is Razor Pages' own route value, so the query string is read directly.
        var number = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var all = await queries.OrdersAsync(actor, new PageRequest(1, PageRequest.MaxSize), ct);
        if (!all.Succeeded)
        {
            return Forbid();
        }

        // Narrowing to one child or family reads every visible order; lists are small enough per user for that.
        var visible = new List<OrderView>();
        for (var p = 1; p <= all.Value!.Pages; p++)
        {
            var next = p == 1 ? all.Value : (await queries.OrdersAsync(actor, new PageRequest(p, PageRequest.MaxSize), ct)).Value!;
            visible.AddRange(next.Items.Where(o => Subject is null || o.Subject == Subject));
        }

        var pages = Math.Max(1, (visible.Count + PageSize - 1) / PageSize);
        Orders = Page<OrderView>.Of(visible, new PageRequest(Math.Min(number, pages), PageSize));
        return Page();
    }

    /// <summary>The link to page <paramref name="number"/>, keeping the filter.</summary>
    public string PageLink(int number) => Subject is null ? $"/orders?page={number}" : $"/orders?subject={Uri.EscapeDataString(Subject)}&page={number}";
}
