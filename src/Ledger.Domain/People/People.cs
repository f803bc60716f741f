using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Domain.People;

/// <summary>What a practitioner does in Ledger (DOMAIN.md §2).</summary>
public enum PractitionerRole
{
    /// <summary>Holds a caseload and a delegated budget; buys services.</summary>
    LeadProfessional,

    /// <summary>Holds budgets on behalf of people unable to hold them.</summary>
    Broker,

    /// <summary>Manages streams, pools and allocations; approves above delegated limits.</summary>
    BudgetHolder,
}

/// <summary>Whether a subject is one child or a whole family.</summary>
public enum SubjectKind
{
    /// <summary>One child or young person.</summary>
    Child,

    /// <summary>A household: a whole family, linking its children.</summary>
    Family,
}

/// <summary>A practitioner: a lead professional, a broker or a budget holder. Staff, not clients: their names may appear.</summary>
public sealed class Practitioner
{
    private Practitioner()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    /// <summary>The practitioner's id.</summary>
    public PractitionerId Id { get; private set; }

    /// <summary>The area they work in.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code, e.g. "LP-0001".</summary>
    public string Code { get; private set; }

    /// <summary>Their name.</summary>
    public string Name { get; private set; }

    /// <summary>Their role.</summary>
    public PractitionerRole Role { get; private set; }

    /// <summary>Creates a practitioner.</summary>
    public static Result<Practitioner> Create(PractitionerId id, AreaId area, string code, string name, PractitionerRole role) =>
        !Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200 || !Enum.IsDefined(role)
            ? Result<Practitioner>.Fail(BudgetErrorCode.InvalidRequest, "A practitioner needs a valid code, a name and a role.")
            : new Practitioner { Id = id, Area = area, Code = code, Name = name.Trim(), Role = role };
}

/// <summary>
/// A child or a family as the ledger knows them: a pseudonymous reference only (e.g. "CHILD-A7K2").
/// Names and dates of birth live in <see cref="PersonalDetails"/>, read only through a logged service.
/// </summary>
public sealed class Subject
{
    private readonly List<HouseholdMember> _members = [];

    private Subject()
    {
        Reference = string.Empty;
    }

    /// <summary>The subject's id.</summary>
    public SubjectId Id { get; private set; }

    /// <summary>The area.</summary>
    public AreaId Area { get; private set; }

    /// <summary>The pseudonymous reference, unique in the area.</summary>
    public string Reference { get; private set; }

    /// <summary>A child or a family.</summary>
    public SubjectKind Kind { get; private set; }

    /// <summary>For a family: the children in the household.</summary>
    public IReadOnlyList<HouseholdMember> Members => _members;

    /// <summary>Registers a child.</summary>
    public static Result<Subject> Child(SubjectId id, AreaId area, string reference) =>
        Code.IsValid(reference)
            ? new Subject { Id = id, Area = area, Reference = reference, Kind = SubjectKind.Child }
            : Result<Subject>.Fail(BudgetErrorCode.InvalidRequest, "A child needs a pseudonymous reference code.");

    /// <summary>Registers a family (household) linking its children.</summary>
    public static Result<Subject> Family(SubjectId id, AreaId area, string reference, IEnumerable<Subject> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        var list = children.ToList();
        if (!Code.IsValid(reference) || list.Any(c => c.Kind != SubjectKind.Child || c.Area != area))
        {
            return Result<Subject>.Fail(BudgetErrorCode.InvalidRequest, "A family needs a reference code and children of the same area.");
        }

        var family = new Subject { Id = id, Area = area, Reference = reference, Kind = SubjectKind.Family };
        family._members.AddRange(list.Select(c => new HouseholdMember(id, c.Id)));
        return family;
    }
}

/// <summary>A child's membership of a household.</summary>
/// <param name="Family">The household.</param>
/// <param name="Child">The child.</param>
public sealed record HouseholdMember(SubjectId Family, SubjectId Child);

/// <summary>A child or family on a lead professional's caseload (DOMAIN.md §2: they see only their caseload).</summary>
/// <param name="Practitioner">The lead professional.</param>
/// <param name="Subject">The child or family.</param>
/// <param name="Since">The date they took the case.</param>
public sealed record CaseloadEntry(PractitionerId Practitioner, SubjectId Subject, LocalDate Since);

/// <summary>
/// The one place personal details are kept (§3.6). Reading them goes through a service that logs
/// every read (<see cref="PersonalDetailsRead"/>); nothing else in the ledger carries them.
/// </summary>
public sealed class PersonalDetails
{
    private PersonalDetails()
    {
        FullName = string.Empty;
    }

    /// <summary>Whose details these are.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>The person's or family's name.</summary>
    public string FullName { get; private set; }

    /// <summary>The date of birth (for a child), used for eligibility by age.</summary>
    public LocalDate? DateOfBirth { get; private set; }

    /// <summary>A postcode or address, if recorded.</summary>
    public string? Address { get; private set; }

    /// <summary>Records details.</summary>
    public static Result<PersonalDetails> Create(SubjectId subject, string fullName, LocalDate? dateOfBirth, string? address) =>
        string.IsNullOrWhiteSpace(fullName) || fullName.Length > 200 || (address?.Length ?? 0) > 500
            ? Result<PersonalDetails>.Fail(BudgetErrorCode.InvalidRequest, "Personal details need a name of up to 200 characters.")
            : new PersonalDetails { Subject = subject, FullName = fullName.Trim(), DateOfBirth = dateOfBirth, Address = address?.Trim() };
}

/// <summary>One read of someone's personal details: who, when, why.</summary>
public sealed class PersonalDetailsRead
{
    private PersonalDetailsRead()
    {
        ReadBy = string.Empty;
        Purpose = string.Empty;
    }

    /// <summary>Records a read.</summary>
    public PersonalDetailsRead(Guid id, SubjectId subject, string readBy, Instant readAt, string purpose)
    {
        Id = id;
        Subject = subject;
        ReadBy = readBy;
        ReadAt = readAt;
        Purpose = purpose;
    }

    /// <summary>The read's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Whose details were read.</summary>
    public SubjectId Subject { get; private set; }

    /// <summary>Who read them (a user or practitioner code).</summary>
    public string ReadBy { get; private set; }

    /// <summary>When.</summary>
    public Instant ReadAt { get; private set; }

    /// <summary>Why.</summary>
    public string Purpose { get; private set; }
}
