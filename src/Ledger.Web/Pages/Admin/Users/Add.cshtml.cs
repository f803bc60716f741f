using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Admin.Users;

/// <summary>
/// Adds a user: user name, name, role, area, the practitioner or provider code the role needs (it must exist
/// in the area) and an initial password meeting Identity's rules. Bad input shows field errors and writes nothing.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class AddModel(UserAdministration administration) : PageModel
{
    /// <summary>The sign-in name.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>The person's name.</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>The role.</summary>
    [BindProperty]
    public string? Role { get; set; }

    /// <summary>The area's code.</summary>
    [BindProperty]
    public string? AreaCode { get; set; }

    /// <summary>The practitioner code, for practitioner roles.</summary>
    [BindProperty]
    public string? PractitionerCode { get; set; }

    /// <summary>The provider code, for provider users.</summary>
    [BindProperty]
    public string? ProviderCode { get; set; }

    /// <summary>The initial password; never shown again.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>What is wrong, for the error summary and the fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for a field, if any.</summary>
    public string? ErrorFor(string fieldId) => AdminForm.For(Errors, fieldId);

    /// <summary>Shows the form, with the administrator's own area filled in.</summary>
    public void OnGet() => AreaCode = CurrentUser.From(User)?.AreaCode;

    /// <summary>Adds the user, or shows what is wrong.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var result = await administration.CreateAsync(actor, new NewUser(UserName, DisplayName, Role, AreaCode, PractitionerCode, ProviderCode, Password), ct);
        Password = null;
        if (result.Succeeded)
        {
            return Redirect($"/admin/users?added={Uri.EscapeDataString(result.User!.UserName)}");
        }

        if (result.Fields.Count == 0)
        {
            return Forbid();
        }

        Errors = AdminForm.Errors(result.Fields);
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
