using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.People;
using NodaTime;

namespace Ledger.Application.Budgets;

/// <summary>
/// Practitioners, children and families (by pseudonymous reference), households, caseloads, and
/// personal details kept in one place with every read logged (§3.6).
/// </summary>
public sealed class PeopleService(IBudgetStore store, IClock clock)
{
    /// <summary>Adds a lead professional, broker or budget holder.</summary>
    public async Task<Result<Practitioner>> AddPractitionerAsync(string areaCode, string code, string name, PractitionerRole role, CancellationToken ct = default)
    {
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Practitioner>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var practitioner = Practitioner.Create(PractitionerId.New(), area.Id, code, name, role);
        return practitioner.Succeeded ? await SaveAsync(practitioner.Value!, [], ct).ConfigureAwait(false) : practitioner;
    }

    /// <summary>Registers a child under a pseudonymous reference, with personal details kept apart.</summary>
    public async Task<Result<Subject>> AddChildAsync(string areaCode, string reference, string fullName, LocalDate? dateOfBirth, CancellationToken ct = default)
    {
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Subject>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var child = Subject.Child(SubjectId.New(), area.Id, reference);
        if (!child.Succeeded)
        {
            return child;
        }

        var details = PersonalDetails.Create(child.Value!.Id, fullName, dateOfBirth, null);
        return details.Succeeded ? await SaveAsync(child.Value, [details.Value!], ct).ConfigureAwait(false) : Result<Subject>.Fail(details.Error!);
    }

    /// <summary>Registers a family (household) linking its children, for whole-family budgets.</summary>
    public async Task<Result<Subject>> AddFamilyAsync(string areaCode, string reference, string familyName, IReadOnlyList<string> childReferences, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(childReferences);
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<Subject>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var children = new List<Subject>();
        foreach (var childReference in childReferences)
        {
            if (await store.SubjectAsync(area.Id, childReference, ct).ConfigureAwait(false) is not { Kind: SubjectKind.Child } child)
            {
                return Result<Subject>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child '{childReference}' in {area.Code}.");
            }

            children.Add(child);
        }

        var family = Subject.Family(SubjectId.New(), area.Id, reference, children);
        if (!family.Succeeded)
        {
            return family;
        }

        var details = PersonalDetails.Create(family.Value!.Id, familyName, null, null);
        return details.Succeeded ? await SaveAsync(family.Value, [details.Value!], ct).ConfigureAwait(false) : Result<Subject>.Fail(details.Error!);
    }

    /// <summary>Puts a child or family on a lead professional's caseload.</summary>
    public async Task<Result<CaseloadEntry>> AssignCaseloadAsync(string areaCode, string practitionerCode, string subjectReference, LocalDate since, CancellationToken ct = default)
    {
        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<CaseloadEntry>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        if (await store.PractitionerAsync(area.Id, practitionerCode, ct).ConfigureAwait(false) is not { Role: PractitionerRole.LeadProfessional } lp)
        {
            return Result<CaseloadEntry>.Fail(BudgetErrorCode.UnknownPractitioner, $"There is no lead professional '{practitionerCode}' in {area.Code}.");
        }

        if (await store.SubjectAsync(area.Id, subjectReference, ct).ConfigureAwait(false) is not { } subject)
        {
            return Result<CaseloadEntry>.Fail(BudgetErrorCode.UnknownSubject, $"There is no child or family '{subjectReference}' in {area.Code}.");
        }

        if (await store.OnCaseloadAsync(lp.Id, subject.Id, ct).ConfigureAwait(false))
        {
            return new CaseloadEntry(lp.Id, subject.Id, since);
        }

        return await SaveAsync(new CaseloadEntry(lp.Id, subject.Id, since), [], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a child's or family's personal details. The read is logged (who, when, why) before the
    /// details are returned; without a reader and a purpose nothing is read.
    /// </summary>
    public async Task<Result<PersonalDetails>> ReadPersonalDetailsAsync(string areaCode, string subjectReference, string readBy, string purpose, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(readBy) || string.IsNullOrWhiteSpace(purpose) || readBy.Length > 200 || purpose.Length > 500)
        {
            return Result<PersonalDetails>.Fail(BudgetErrorCode.InvalidRequest, "Reading personal details needs who is reading and why.");
        }

        if (await store.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area
            || await store.SubjectAsync(area.Id, subjectReference, ct).ConfigureAwait(false) is not { } subject
            || await store.PersonalDetailsAsync(subject.Id, ct).ConfigureAwait(false) is not { } details)
        {
            return Result<PersonalDetails>.Fail(BudgetErrorCode.UnknownSubject, $"There are no personal details for '{subjectReference}'.");
        }

        var logged = await store.AddAsync(new PersonalDetailsRead(Guid.CreateVersion7(), subject.Id, readBy.Trim(), clock.GetCurrentInstant(), purpose.Trim()), ct)
            .ConfigureAwait(false);
        return logged is null ? details : Result<PersonalDetails>.Fail(logged);
    }

    private async Task<Result<T>> SaveAsync<T>(T record, IEnumerable<object> more, CancellationToken ct)
        where T : class
    {
        var error = await store.AddAsync([record, .. more], ct).ConfigureAwait(false);
        return error is null ? record : Result<T>.Fail(error);
    }
}
