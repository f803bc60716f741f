using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Account;

/// <summary>Signs out. Only by POST with the antiforgery token (Razor Pages check it), so no other site can sign someone out.</summary>
public sealed class SignOutModel(SignInManager<LedgerUser> signIn, UserManager<LedgerUser> users) : PageModel
{
    /// <summary>Shows a button to sign out.</summary>
    public void OnGet()
    {
    }

    /// <summary>
    /// Ends the session and says so on the sign-in page. A new security stamp makes a copy of the old
    /// cookie worthless too (the stamp is checked on every request), not only the browser's.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn", new { SignedOut = true });
    }
}
