namespace Ledger.Domain.Budgets;

/// <summary>A partner agency that contributes money (council, NHS, schools, youth justice, a charity...).</summary>
public sealed class Agency
{
    private Agency(AgencyId id, AreaId area, string code, string name, AgencyKind kind)
    {
        Id = id;
        Area = area;
        Code = code;
        Name = name;
        Kind = kind;
    }

    /// <summary>The agency's id.</summary>
    public AgencyId Id { get; private set; }

    /// <summary>The area it is a partner in.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code, unique in the area.</summary>
    public string Code { get; private set; }

    /// <summary>The agency's name.</summary>
    public string Name { get; private set; }

    /// <summary>What kind of agency it is.</summary>
    public AgencyKind Kind { get; private set; }

    /// <summary>Creates an agency; the code must satisfy <see cref="Domain.Code"/>.</summary>
    public static Result<Agency> Create(AgencyId id, AreaId area, string code, string name, AgencyKind kind)
    {
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200 || !Enum.IsDefined(kind))
        {
            return Result<Agency>.Fail(BudgetErrorCode.InvalidRequest, "An agency needs a valid code, a name of up to 200 characters and a kind.");
        }

        return new Agency(id, area, code, name.Trim(), kind);
    }
}

/// <summary>
/// What a stream may pay for (R2): service categories and client groups. An empty set means any.
/// </summary>
public sealed record StreamRestrictions(IReadOnlySet<ServiceCategory> Categories, IReadOnlySet<ClientGroup> ClientGroups)
{
    /// <summary>No restriction at all.</summary>
    public static StreamRestrictions None { get; } = new(new HashSet<ServiceCategory>(), new HashSet<ClientGroup>());

    /// <summary>True when the stream may pay for some categories only.</summary>
    public bool RestrictsCategories => Categories.Count > 0;

    /// <summary>True when the stream may pay for anything in <paramref name="category"/>.</summary>
    public bool Allows(ServiceCategory category) => Categories.Count == 0 || Categories.Contains(category);

    /// <summary>True when the stream may pay for <paramref name="group"/>.</summary>
    public bool Allows(ClientGroup group) => ClientGroups.Count == 0 || ClientGroups.Contains(group);

    /// <summary>Plain words: "therapy and health only; disabled children only".</summary>
    public string Describe() =>
        (Categories.Count == 0 ? "any service" : string.Join(", ", Categories.Order()) + " only")
        + "; " + (ClientGroups.Count == 0 ? "any client group" : string.Join(", ", ClientGroups.Order()) + " only");

    /// <summary>Serialises a set as comma-separated names (the storage form).</summary>
    public static string Join<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(',', values.Order().Select(v => v.ToString()));

    /// <summary>Reads a set from its storage form.</summary>
    public static HashSet<T> Split<T>(string? text) where T : struct, Enum =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(Enum.Parse<T>).ToHashSet();
}
