using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Admin.Tokens;

/// <summary>Asks an administrator to confirm revoking a token, then revokes it: it stops working at once.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class RevokeModel(ApiTokenService tokens) : PageModel
{
    /// <summary>The token.</summary>
    public ApiTokenView? Token { get; private set; }

    /// <summary>Asks for confirmation.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var found = await tokens.FindAsync(actor, id, ct);
        if (!found.Succeeded)
        {
            return found.Error!.Code == Domain.Budgets.BudgetErrorCode.UnknownApiToken ? NotFound() : Forbid();
        }

        Token = found.Value;
        return Token!.IsRevoked ? Redirect("/admin/tokens") : Page();
    }

    /// <summary>Revokes the token.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await tokens.RevokeAsync(actor, id, ct);
        if (!result.Succeeded)
        {
            return result.Error!.Code == Domain.Budgets.BudgetErrorCode.UnknownApiToken ? NotFound() : Forbid();
        }

        return Redirect($"/admin/tokens?revoked={Uri.EscapeDataString(result.Value!.Prefix)}");
    }
}
