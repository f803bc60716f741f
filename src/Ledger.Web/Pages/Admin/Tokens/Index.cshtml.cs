using System.Globalization;
using Ledger.Application.Access;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages.Admin.Tokens;

/// <summary>
/// Administrators' API tokens: the list (prefix, user, created, last used, revoked) and a form that creates a
/// token for a user, typically a provider's system user. The new secret is shown on the answer to the form,
/// once; Ledger keeps only its hash.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class IndexModel(ApiTokenService tokens) : PageModel
{
    /// <summary>Tokens per page.</summary>
    public const int PageSize = 50;

    /// <summary>This page of tokens.</summary>
    public Page<ApiTokenView> Tokens { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The user the new token is for.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>What the new token is for.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The token just revoked (its prefix), to say so.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Revoked { get; set; }

    /// <summary>The token just created, with its secret: shown this once.</summary>
    public CreatedApiToken? Created { get; private set; }

    /// <summary>What is wrong, for the error summary and the fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for a field, if any.</summary>
    public string? ErrorFor(string fieldId) => AdminForm.For(Errors, fieldId);

    /// <summary>A moment as people in England read it, e.g. "24 Nov 2026 13:05".</summary>
    public static string When(Instant? instant) =>
        instant is { } i ? i.InZone(London.Zone).ToString("d MMM uuuu HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>Shows the list and the form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Creates a token and shows its secret once, or shows what is wrong (nothing written).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(UserName))
        {
            errors.Add(new("user-name", "Enter the user name the token acts as"));
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("token-name", "Enter what the token is for, e.g. the provider's case system"));
        }

        if (errors.Count == 0)
        {
            var result = await tokens.CreateAsync(actor, UserName, Name, ct);
            if (result.Succeeded)
            {
                Created = result.Value;
                UserName = null;
                Name = null;
                // The secret is on this answer only: no cache may keep it.
                Response.Headers.CacheControl = "no-store";
                return await LoadAsync(ct) ?? Page();
            }

            errors.Add(result.Error!.Code switch
            {
                BudgetErrorCode.UnknownUser => new("user-name", $"There is no user '{UserName!.Trim()}'"),
                BudgetErrorCode.InvalidRequest => new("token-name", result.Error.Message),
                _ => new("user-name", result.Error.Message),
            });
        }

        Errors = errors;
        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var number = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var result = await tokens.ListAsync(actor, new PageRequest(number, PageSize), ct);
        if (!result.Succeeded)
        {
            return Forbid();
        }

        Tokens = result.Value!;
        return null;
    }
}
