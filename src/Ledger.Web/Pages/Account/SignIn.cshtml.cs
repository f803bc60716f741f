using System.Security.Claims;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Account;

/// <summary>Sign in with a user name and password, or with the council's identity provider when one is configured.</summary>
[AllowAnonymous]
public sealed partial class SignInModel(SignInManager<LedgerUser> signIn, UserManager<LedgerUser> users, OpenIdConnectSettings oidc, ILogger<SignInModel> logger)
    : PageModel
{
    /// <summary>The user name typed.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The password typed; never shown again.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set after signing out, to say so.</summary>
    [BindProperty(SupportsGet = true)]
    public bool SignedOut { get; set; }

    /// <summary>What went wrong, for the error summary.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The identity provider's button text, or null when none is configured.</summary>
    public string? ExternalProvider => oidc.IsConfigured ? oidc.DisplayName : null;

    /// <summary>The error for a field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Shows the form; someone already signed in goes home.</summary>
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true && !SignedOut ? LocalRedirect(SafeReturnUrl()) : Page();

    /// <summary>Checks the password; five wrong ones in a row lock the account for 15 minutes.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(UserName))
        {
            errors.Add(new("user-name", "Enter your user name"));
        }

        if (string.IsNullOrEmpty(Password))
        {
            errors.Add(new("password", "Enter your password"));
        }

        if (errors.Count == 0)
        {
            var name = UserName!.Trim();
            var result = await signIn.PasswordSignInAsync(name, Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                LogSignedIn(logger, name);
                return LocalRedirect(SafeReturnUrl());
            }

            LogRefused(logger, name, result.IsLockedOut);
            errors.Add(result.IsLockedOut
                ? new("user-name", $"This account is locked after {Authentication.MaxFailedAttempts} wrong passwords. Try again in {Authentication.LockoutPeriod.TotalMinutes:0} minutes, or ask an administrator to unlock it")
                : new("user-name", "The user name or password is not right"));
        }

        Errors = errors;
        Password = null;
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Sends the person to the council's identity provider.</summary>
    public IActionResult OnPostExternal()
    {
        if (!oidc.IsConfigured)
        {
            return NotFound();
        }

        var callback = Url.Page("/Account/SignIn", "ExternalCallback", new { ReturnUrl = SafeReturnUrl() });
        var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectSettings.Scheme, callback);
        return Challenge(properties, OpenIdConnectSettings.Scheme);
    }

    /// <summary>
    /// Back from the identity provider: signs in the Ledger account linked to that login, or — the first
    /// time — the account whose user name is the configured claim's value, linking the two. It never
    /// creates an account: roles and areas are given by Ledger's administrators.
    /// </summary>
    public async Task<IActionResult> OnGetExternalCallbackAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return Refuse("Signing in with your council account did not finish. Try again");
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.IsLockedOut)
        {
            return Refuse("This account is locked. Ask an administrator to unlock it");
        }

        var name = info.Principal.FindFirstValue(oidc.UserNameClaim);
        var user = string.IsNullOrWhiteSpace(name) ? null : await users.FindByNameAsync(name);
        if (user is null)
        {
            return Refuse($"There is no Ledger account for {name ?? "your council account"}. Ask an administrator to add you");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Refuse("This account is locked. Ask an administrator to unlock it");
        }

        var linked = await users.AddLoginAsync(user, info);
        if (!linked.Succeeded)
        {
            return Refuse("Your council account could not be linked to your Ledger account. Ask an administrator");
        }

        await signIn.SignInAsync(user, isPersistent: false, info.LoginProvider);
        LogSignedIn(logger, user.UserName ?? name!);
        return LocalRedirect(SafeReturnUrl());
    }

    private PageResult Refuse(string message)
    {
        Errors = [new FieldError("external", message)];
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    [LoggerMessage(Level = LogLevel.Information, Message = "{UserName} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {UserName} (locked out: {LockedOut})")]
    private static partial void LogRefused(ILogger logger, string userName, bool lockedOut);
}
