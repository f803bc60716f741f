using System.Globalization;
using Ledger.Application.Access;
using Ledger.Application.Audit;
using Ledger.Domain.Audit;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Identity;
using Ledger.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Ledger.Web.Pages.Audit;

/// <summary>
/// The audit trail of the user's area, newest first, 50 to a page: who changed what and who read a child's
/// personal details, when and from where. For budget holders and internal auditors (the application checks too).
/// </summary>
[Authorize(Roles = LedgerRoles.BudgetHolder + "," + LedgerRoles.InternalAuditor)]
public sealed class IndexModel(AuditTrail trail) : PageModel
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 50;

    private static readonly NodaTime.Text.LocalDateTimePattern Shown = NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("d MMM yyyy HH:mm:ss");

    /// <summary>This page of entries.</summary>
    public Page<AuditEntry> Entries { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>Who: a user name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    /// <summary>Text the record's description contains.</summary>
    [BindProperty(SupportsGet = true)]
    public string? What { get; set; }

    /// <summary>The kind of action.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    /// <summary>The first day, yyyy-mm-dd.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FirstDay { get; set; }

    /// <summary>The last day, yyyy-mm-dd.</summary>
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? LastDay { get; set; }

    /// <summary>What is wrong with the filters.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The error for a field, if any.</summary>
    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    /// <summary>Searches with the filters given.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (CurrentUser.From(User)?.ToActor() is not { } actor)
        {
            return Forbid();
        }

        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(Action) && !AuditApi.TryFilter(null, null, Action, null, null, out _, out _))
        {
            errors.Add(new FieldError("action", "Choose an action from the list"));
        }

        if (!string.IsNullOrWhiteSpace(FirstDay) && !AuditApi.TryFilter(null, null, null, FirstDay, null, out _, out _))
        {
            errors.Add(new FieldError("from", "The first day must be a real date, like 2026-11-24"));
        }

        if (!string.IsNullOrWhiteSpace(LastDay) && !AuditApi.TryFilter(null, null, null, null, LastDay, out _, out _))
        {
            errors.Add(new FieldError("to", "The last day must be a real date, like 2026-11-24"));
        }

        if (errors.Count > 0 || !AuditApi.TryFilter(Who, What, Action, FirstDay, LastDay, out var filter, out _))
        {
            Errors = errors;
            return Page();
        }

        var number = int.TryParse(Request.Query["page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;
        var result = await trail.SearchAsync(actor, filter, new PageRequest(number, PageSize), ct);
        if (!result.Succeeded)
        {
            if (result.Error!.Code == Domain.Budgets.BudgetErrorCode.InvalidDates)
            {
                Errors = [new FieldError("to", "The last day must be the same as or after the first day")];
                return Page();
            }

            return Forbid();
        }

        Entries = result.Value!;
        return Page();
    }

    /// <summary>When, in London time.</summary>
    public static string When(Instant at) => Shown.Format(at.InZone(London.Zone).LocalDateTime);

    /// <summary>The link to page <paramref name="number"/>, keeping the filters.</summary>
    public string PageLink(int number)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("who", Who);
        Add("what", What);
        Add("action", Action);
        Add("from", FirstDay);
        Add("to", LastDay);
        query.Add(string.Create(CultureInfo.InvariantCulture, $"page={number}"));
        return "/audit?" + string.Join("&", query);
    }
}
