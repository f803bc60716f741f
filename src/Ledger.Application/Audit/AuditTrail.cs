using Ledger.Application.Access;
using Ledger.Application.Budgets;
using Ledger.Domain;
using Ledger.Domain.Audit;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Application.Audit;

/// <summary>What to look for in the audit trail; every part is optional.</summary>
/// <param name="UserName">Exactly this user.</param>
/// <param name="WhatContains">Text the record's description contains (e.g. an order or child reference).</param>
/// <param name="Action">Only this kind of action.</param>
/// <param name="FirstDay">From this day (London), inclusive.</param>
/// <param name="LastDay">To this day (London), inclusive.</param>
public sealed record AuditFilter(string? UserName = null, string? WhatContains = null, AuditAction? Action = null, LocalDate? FirstDay = null, LocalDate? LastDay = null)
{
    /// <summary>The first instant searched, from <see cref="FirstDay"/>.</summary>
    public Instant? Start => FirstDay is { } d ? London.StartOf(d) : null;

    /// <summary>The instant the search stops before, the day after <see cref="LastDay"/>.</summary>
    public Instant? End => LastDay is { } d ? London.StartOf(d.PlusDays(1)) : null;
}

/// <summary>The audit trail's storage.</summary>
public interface IAuditStore
{
    /// <summary>The area's entries matching <paramref name="filter"/>, newest first, one page.</summary>
    Task<Page<AuditEntry>> SearchAsync(AreaId area, AuditFilter filter, PageRequest page, CancellationToken ct);
}

/// <summary>A child's or family's personal details, as shown to someone allowed to read them.</summary>
/// <param name="Reference">The pseudonymous reference.</param>
/// <param name="Kind">Child or family.</param>
/// <param name="FullName">The name.</param>
/// <param name="DateOfBirth">The date of birth, if recorded.</param>
/// <param name="Address">The address, if recorded.</param>
public sealed record ChildDetails(string Reference, SubjectKind Kind, string FullName, LocalDate? DateOfBirth, string? Address);

/// <summary>
/// The audit trail's use cases: searching it (budget holders and internal auditors, their own area only)
/// and reading a child's personal details, which records the read (who, when, why, from where) in the same
/// transaction as <see cref="PersonalDetailsRead"/> before anything is shown.
/// </summary>
public sealed class AuditTrail(IAuditStore audit, IBudgetStore budgets, IClock clock)
{
    /// <summary>The longest purpose accepted for a read.</summary>
    public const int MaxPurpose = 500;

    /// <summary>The actor's area's entries matching <paramref name="filter"/>, newest first.</summary>
    public async Task<Result<Page<AuditEntry>>> SearchAsync(Actor actor, AuditFilter filter, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        if (!AccessRules.MaySearchAudit(actor))
        {
            return Result<Page<AuditEntry>>.Fail(BudgetErrorCode.NotPermitted, "Only budget holders and internal auditors search the audit trail.");
        }

        if (!page.IsValid)
        {
            return Result<Page<AuditEntry>>.Fail(BudgetErrorCode.InvalidRequest, $"A page is numbered from 1 and holds 1 to {PageRequest.MaxSize} items.");
        }

        if (filter.FirstDay is { } first && filter.LastDay is { } last && last < first)
        {
            return Result<Page<AuditEntry>>.Fail(BudgetErrorCode.InvalidDates, "The last day is before the first day.");
        }

        if (await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Page<AuditEntry>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{actor.Area}'.");
        }

        return await audit.SearchAsync(area.Id, filter, page, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the actor may read the personal details of <paramref name="reference"/>, without reading them
    /// (for the page that asks why): the same answers as <see cref="ReadDetailsAsync"/> short of the purpose.
    /// </summary>
    public async Task<Result<string>> CheckDetailsAsync(Actor actor, string reference, CancellationToken ct = default)
    {
        var found = await FindAsync(actor, reference, ct).ConfigureAwait(false);
        return found.Succeeded ? found.Value.Subject.Reference : Result<string>.Fail(found.Error!);
    }

    /// <summary>
    /// Reads a child's or family's personal details for <paramref name="purpose"/>. A lead professional or broker
    /// reads only their caseload's, a budget holder their area's; anything else is
    /// <see cref="BudgetErrorCode.UnknownSubject"/>, as for a reference that does not exist. The read is recorded
    /// (a <see cref="PersonalDetailsRead"/> and an audit entry, in one transaction) before anything is returned.
    /// </summary>
    public async Task<Result<ChildDetails>> ReadDetailsAsync(Actor actor, string reference, string? purpose, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AccessRules.MayReadPersonalDetailsAtAll(actor))
        {
            return Result<ChildDetails>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals, brokers and budget holders read personal details.");
        }

        // Access first: a child the actor may not read is "not found" whatever the purpose, so the form says nothing about them.
        var found = await FindAsync(actor, reference, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return Result<ChildDetails>.Fail(found.Error!);
        }

        if (string.IsNullOrWhiteSpace(purpose) || purpose.Trim().Length > MaxPurpose)
        {
            return Result<ChildDetails>.Fail(BudgetErrorCode.ReasonRequired, $"Say why you need the personal details, in up to {MaxPurpose} characters.");
        }

        var (area, subject, details) = found.Value;
        var now = clock.GetCurrentInstant();
        var why = purpose.Trim();
        var read = new PersonalDetailsRead(Guid.CreateVersion7(), subject.Id, actor.UserName, now, why);
        var entry = AuditEntry.Record(now, actor.UserName, actor.Role.ToString(), area.Id, AuditAction.Read,
            $"{subject.Kind} {subject.Reference} personal details", $"Purpose: {why}", AuditContext.Current.ClientAddress);
        var error = await budgets.AddAsync([read, entry], ct).ConfigureAwait(false);
        return error is null
            ? new ChildDetails(subject.Reference, subject.Kind, details.FullName, details.DateOfBirth, details.Address)
            : Result<ChildDetails>.Fail(error);
    }

    /// <summary>
    /// Records a refused request (who, from where, what they asked for and why it was refused), against the
    /// actor's area when they have one. <paramref name="what"/> names the request (method and path, never
    /// the query string or body, which may carry personal details).
    /// </summary>
    public async Task RecordDeniedAsync(AuditActor actor, string what, string why, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        AreaId? area = null;
        if (!string.IsNullOrEmpty(actor.AreaCode) && await budgets.AreaAsync(actor.AreaCode, ct).ConfigureAwait(false) is { } found)
        {
            area = found.Id;
        }

        var entry = AuditEntry.Record(clock.GetCurrentInstant(), actor.UserName, actor.Role, area, AuditAction.Denied, what, why, actor.ClientAddress);
        if (await budgets.AddAsync([entry], ct).ConfigureAwait(false) is { } error)
        {
            throw new InvalidOperationException($"The refused request could not be recorded: {error.Message}");
        }
    }

    private async Task<Result<(Area Area, Subject Subject, PersonalDetails Details)>> FindAsync(Actor actor, string reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var unknown = Result<(Area, Subject, PersonalDetails)>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child or family '{reference}' whose details you can read.");
        if (!AccessRules.MayReadPersonalDetailsAtAll(actor))
        {
            return Result<(Area, Subject, PersonalDetails)>.Fail(BudgetErrorCode.NotPermitted, "Only lead professionals, brokers and budget holders read personal details.");
        }

        if (string.IsNullOrWhiteSpace(reference)
            || await budgets.AreaAsync(actor.Area, ct).ConfigureAwait(false) is not { } area
            || await budgets.SubjectAsync(area.Id, reference, ct).ConfigureAwait(false) is not { } subject)
        {
            return unknown;
        }

        var onCaseload = false;
        if (AccessRules.HasCaseload(actor) && await budgets.PractitionerAsync(area.Id, actor.Practitioner!, ct).ConfigureAwait(false) is { } practitioner)
        {
            // On their caseload, or (a broker's case) a budget of the child's they hold this year.
            onCaseload = await budgets.OnCaseloadAsync(practitioner.Id, subject.Id, ct).ConfigureAwait(false)
                || (await budgets.BudgetsAsync(area.Id, FinancialYear.Containing(London.Today(clock)), ct).ConfigureAwait(false))
                    .Any(b => b.Subject == subject.Id && b.Holder == practitioner.Id);
        }

        return AccessRules.MayReadPersonalDetails(actor, onCaseload) && await budgets.PersonalDetailsAsync(subject.Id, ct).ConfigureAwait(false) is { } details
            ? (area, subject, details)
            : unknown;
    }
}
