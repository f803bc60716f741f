using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ledger.Web.Pages.Admin.Users;

/// <summary>
/// One user: change their role and the code it needs (applies on their next request), lock or unlock the
/// account. An administrator cannot take away their own administrator role or lock themselves out.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class EditModel(UserAdministration administration) : PageModel
{
    /// <summary>The user, as saved.</summary>
    public UserSummary? Person { get; private set; }

    /// <summary>The role chosen.</summary>
    [BindProperty]
    public string? Role { get; set; }

    /// <summary>The practitioner code, for practitioner roles.</summary>
    [BindProperty]
    public string? PractitionerCode { get; set; }

    /// <summary>The provider code, for provider users.</summary>
    [BindProperty]
    public string? ProviderCode { get; set; }

    /// <summary>What was just done, to say so: changed, locked or unlocked.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Whether this is the administrator's own account.</summary>
    public bool IsSelf => Person is not null && string.Equals(Person.UserName, User.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong, for the error summary and the fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for a field, if any.</summary>
    public string? ErrorFor(string fieldId) => AdminForm.For(Errors, fieldId);

    /// <summary>Shows the user and the form.</summary>
    public async Task<IActionResult> OnGetAsync(string userName, CancellationToken ct)
    {
        if (await LoadAsync(userName, ct) is { } refusal)
        {
            return refusal;
        }

        Role = Person!.Role;
        PractitionerCode = Person.PractitionerCode;
        ProviderCode = Person.ProviderCode;
        return Page();
    }

    /// <summary>Changes the role and codes, or shows what is wrong (nothing written).</summary>
    public async Task<IActionResult> OnPostAsync(string userName, CancellationToken ct)
    {
        if (await LoadAsync(userName, ct) is { } refusal)
        {
            return refusal;
        }

        var result = await administration.ChangeAsync(CurrentUser.From(User)!.ToActor()!, Person!.UserName, new UserChange(Role, PractitionerCode, ProviderCode), ct);
        if (result.Succeeded)
        {
            return Redirect(Link(Person.UserName, "changed"));
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

    /// <summary>Locks the account until an administrator unlocks it; the person's session ends at once.</summary>
    public Task<IActionResult> OnPostLockAsync(string userName, CancellationToken ct) => SetLockedAsync(userName, true, ct);

    /// <summary>Unlocks the account and clears its count of wrong passwords.</summary>
    public Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken ct) => SetLockedAsync(userName, false, ct);

    private async Task<IActionResult> SetLockedAsync(string userName, bool locked, CancellationToken ct)
    {
        if (await LoadAsync(userName, ct) is { } refusal)
        {
            return refusal;
        }

        var result = await administration.SetLockedAsync(CurrentUser.From(User)!.ToActor()!, Person!.UserName, locked, ct);
        if (result.Succeeded)
        {
            return Redirect(Link(Person.UserName, locked ? "locked" : "unlocked"));
        }

        Role = Person.Role;
        PractitionerCode = Person.PractitionerCode;
        ProviderCode = Person.ProviderCode;
        Errors = [new FieldError("lock", result.Error!.Message)];
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string userName, CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var found = await administration.FindAsync(actor, userName, ct);
        if (!found.Succeeded)
        {
            return found.Error!.Code == Domain.Budgets.BudgetErrorCode.UnknownUser ? NotFound() : Forbid();
        }

        Person = found.Value;
        return null;
    }

    private static string Link(string userName, string done) => $"/admin/users/edit/{Uri.EscapeDataString(userName)}?done={done}";
}
