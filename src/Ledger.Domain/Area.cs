namespace Ledger.Domain;

/// <summary>
/// A local authority (or partnership) running Ledger. Every record belongs to exactly one area and
/// data never crosses areas except in the cross-area pilot report (R1).
/// </summary>
public sealed class Area
{
    private Area(AreaId id, string code, string name)
    {
        Id = id;
        Code = code;
        Name = name;
    }

    /// <summary>The area's id.</summary>
    public AreaId Id { get; private set; }

    /// <summary>A short code used in account names, e.g. "DEVON".</summary>
    public string Code { get; private set; }

    /// <summary>The name people read, e.g. "Devon County Council".</summary>
    public string Name { get; private set; }

    /// <summary>Creates an area; the code must satisfy <see cref="Domain.Code"/> and the name must not be blank.</summary>
    /// <exception cref="ArgumentException">A blank name or an invalid code.</exception>
    public static Area Create(AreaId id, string code, string name)
    {
        Domain.Code.Require(code, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Area(id, code, name.Trim());
    }
}
