using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Account;

/// <summary>Where a signed-in user is sent when their role may not open a page; answers 403.</summary>
[AllowAnonymous]
public sealed class AccessDeniedModel : PageModel
{
    /// <summary>The page they tried to open.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>Shows the refusal.</summary>
    public void OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
