using Ledger.Domain.Calendar;

namespace Ledger.Domain;

/// <summary>
/// Money from one contributing agency for one financial year (R2). Every ledger balance is kept per
/// stream so that each agency's money keeps its identity ("colour of money", R3). The ledger core
/// needs only the identity; restrictions and year-end rules are added by the budgets capability.
/// </summary>
public sealed class FundingStream
{
    private FundingStream(FundingStreamId id, AreaId area, string code, string name, FinancialYear year)
    {
        Id = id;
        Area = area;
        Code = code;
        Name = name;
        Year = year;
    }

    /// <summary>The stream's id.</summary>
    public FundingStreamId Id { get; private set; }

    /// <summary>The area whose ledger carries this stream.</summary>
    public AreaId Area { get; private set; }

    /// <summary>A short code used in account names, unique within the area, e.g. "CSC-2026".</summary>
    public string Code { get; private set; }

    /// <summary>The name people read.</summary>
    public string Name { get; private set; }

    /// <summary>The financial year the money belongs to.</summary>
    public FinancialYear Year { get; private set; }

    /// <summary>Creates a stream; the code must satisfy <see cref="Domain.Code"/>.</summary>
    /// <exception cref="ArgumentException">A blank name or an invalid code.</exception>
    public static FundingStream Create(FundingStreamId id, AreaId area, string code, string name, FinancialYear year)
    {
        Domain.Code.Require(code, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new FundingStream(id, area, code, name.Trim(), year);
    }
}
