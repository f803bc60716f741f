using System.Globalization;
using System.Security.Claims;
using Ledger.Application.Access;
using Ledger.Application.Audit;
using Ledger.Domain.Audit;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Api;

/// <summary>
/// The audit trail over JSON: <c>GET /api/audit</c> (budget holders and internal auditors, their own area,
/// paged, filtered by who, what, action and dates) and <c>GET /api/children/{reference}/details?purpose=…</c>,
/// which reads a child's personal details and records the read. Every error is ProblemDetails.
/// </summary>
internal static class AuditApi
{
    /// <summary>Days in filters: ISO dates.</summary>
    public static readonly LocalDatePattern Day = LocalDatePattern.Iso;

    // The days a filter may name. Outside them the search's instants cannot be stored or compared (found by the API fuzz:
    // to=9999-12-31 overflowed the calendar computing the day after, from=-0001-01-01 was out of range for the database; both 500s).
    private static readonly LocalDate FirstFilterDay = new(1900, 1, 1);
    private static readonly LocalDate LastFilterDay = new(9998, 12, 31);

    public static void MapAuditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/audit", async (ClaimsPrincipal user, AuditTrail trail, string? who, string? what, string? action,
            [FromQuery(Name = "from")] string? firstDay, [FromQuery(Name = "to")] string? lastDay, string? page, string? pageSize, CancellationToken ct) =>
        {
            if (CurrentUser.From(user)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            if (!ApiInput.TryPage(page, pageSize, out var paging))
            {
                return ApiProblems.BadInput("page and pageSize are whole numbers.");
            }

            if (!TryFilter(who, what, action, firstDay, lastDay, out var filter, out var problem))
            {
                return ApiProblems.BadInput(problem);
            }

            var result = await trail.SearchAsync(actor, filter, paging, ct);
            if (!result.Succeeded)
            {
                return ApiProblems.From(result.Error!);
            }

            var found = result.Value!;
            return Results.Ok(new AuditPage(found.Items.Select(AuditJson.Of).ToList(), found.Number, found.Size, found.Total, found.Pages));
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor));

        api.MapGet("/children/{reference}/details", async (HttpContext context, AuditTrail trail, string reference, string? purpose, CancellationToken ct) =>
        {
            if (CurrentUser.From(context.User)?.ToActor() is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await trail.ReadDetailsAsync(actor, reference, purpose, ct);
            if (!result.Succeeded)
            {
                return ApiProblems.From(result.Error!);
            }

            context.Response.Headers.CacheControl = "no-store";
            var d = result.Value!;
            return Results.Ok(new DetailsJson(d.Reference, d.Kind.ToString(), d.FullName, d.DateOfBirth is { } born ? Day.Format(born) : null, d.Address));
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.LeadProfessional, LedgerRoles.Broker, LedgerRoles.BudgetHolder));
    }

    /// <summary>Reads the filters people type; <paramref name="problem"/> says what is wrong with them.</summary>
    public static bool TryFilter(string? who, string? what, string? action, string? firstDay, string? lastDay, out AuditFilter filter, out string problem)
    {
        filter = new AuditFilter();
        problem = string.Empty;
        AuditAction? kind = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (!Enum.TryParse<AuditAction>(action.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action, out _))
            {
                problem = $"action is one of {string.Join(", ", Enum.GetNames<AuditAction>())}.";
                return false;
            }

            kind = parsed;
        }

        LocalDate? first = null, last = null;
        if (!string.IsNullOrWhiteSpace(firstDay))
        {
            var parsed = Day.Parse(firstDay.Trim());
            if (!parsed.Success || parsed.Value < FirstFilterDay || parsed.Value > LastFilterDay)
            {
                problem = "from is a date like 2026-11-24, in the years 1900 to 9998.";
                return false;
            }

            first = parsed.Value;
        }

        if (!string.IsNullOrWhiteSpace(lastDay))
        {
            var parsed = Day.Parse(lastDay.Trim());
            if (!parsed.Success || parsed.Value < FirstFilterDay || parsed.Value > LastFilterDay)
            {
                problem = "to is a date like 2026-11-24, in the years 1900 to 9998.";
                return false;
            }

            last = parsed.Value;
        }

        filter = new AuditFilter(string.IsNullOrWhiteSpace(who) ? null : who.Trim(), string.IsNullOrWhiteSpace(what) ? null : what.Trim(), kind, first, last);
        return true;
    }


    /// <summary>A page of audit entries.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditJson> Items, int Page, int PageSize, int Total, int Pages);

    /// <summary>An audit entry: who, when (UTC, ISO 8601), role, action, what, detail, from where.</summary>
    public sealed record AuditJson(string Id, string At, string Who, string Role, string Action, string What, string? Detail, string? From)
    {
        public static AuditJson Of(AuditEntry e)
        {
            ArgumentNullException.ThrowIfNull(e);
            return new AuditJson(e.Id.ToString(), InstantPattern.ExtendedIso.Format(e.At), e.UserName, e.Role, e.Action.ToString(), e.What, e.Detail, e.ClientAddress);
        }
    }

    /// <summary>A child's or family's personal details.</summary>
    public sealed record DetailsJson(string Reference, string Kind, string FullName, string? DateOfBirth, string? Address);
}
