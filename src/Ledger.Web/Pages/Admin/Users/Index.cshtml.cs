using System.Globalization;
using Ledger.Application.Access;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Admin.Users;

/// <summary>Administrators' list of the people who sign in: name, role, area, practitioner or provider code, and whether locked.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(UserAdministration administration) : PageModel
{
    /// <summary>Users per page.</summary>
    public const int PageSize = 50;

    /// <summary>This page of users.</summary>
    public Page<UserSummary> Users { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The user just added, to say so.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Added { get; set; }

    /// <summary>Loads the page asked for.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var number = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var result = await administration.ListAsync(actor, new PageRequest(number, PageSize), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Users = result.Value!;
        return Page();
    }
}
