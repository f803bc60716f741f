using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;

namespace Ledger.Domain;

/// <summary>
/// Money from one contributing agency for one financial year (R2). Every ledger balance is kept per
/// stream so that each agency's money keeps its identity ("colour of money", R3). Streams are data an
/// administrator creates: their form, restrictions, ring-fencing and year-end rule are attributes,
/// never code. Each stream also records the spend and outcome it expects (R6).
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
        ExpectedOutcome = string.Empty;
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

    /// <summary>The contributing agency, when known.</summary>
    public AgencyId? Agency { get; private set; }

    /// <summary>Cash transfer or a notional cash equivalent of services.</summary>
    public FundingForm Form { get; private set; }

    /// <summary>The service categories it may pay for; empty for any.</summary>
    public IReadOnlySet<ServiceCategory> Categories { get; private set; } = new HashSet<ServiceCategory>();

    /// <summary>The client groups it may pay for; empty for any.</summary>
    public IReadOnlySet<ClientGroup> ClientGroups { get; private set; } = new HashSet<ClientGroup>();

    /// <summary>True when the money may be used only for the stream's stated purpose.</summary>
    public bool RingFenced { get; private set; }

    /// <summary>What happens to unspent money at year end.</summary>
    public YearEndRule YearEndRule { get; private set; }

    /// <summary>The spend the contributing agency expects this stream to make in the year (R6).</summary>
    public long ExpectedSpend { get; private set; }

    /// <summary>The outcome the agency expects to buy with it (R6).</summary>
    public string ExpectedOutcome { get; private set; }

    /// <summary>The stream's restrictions as one value.</summary>
    public StreamRestrictions Restrictions => new(Categories, ClientGroups);

    /// <summary>Creates a stream with no restrictions, cash form and the return-unspent rule.</summary>
    /// <exception cref="ArgumentException">A blank name or an invalid code.</exception>
    public static FundingStream Create(FundingStreamId id, AreaId area, string code, string name, FinancialYear year)
    {
        Domain.Code.Require(code, nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new FundingStream(id, area, code, name.Trim(), year);
    }

    /// <summary>Defines a stream with all its attributes, refusing malformed ones with a stable code.</summary>
    public static Result<FundingStream> Define(FundingStreamId id, AreaId area, AgencyId agency, string code, string name, FinancialYear year,
        FundingForm form, StreamRestrictions restrictions, bool ringFenced, YearEndRule yearEndRule, Money expectedSpend, string expectedOutcome)
    {
        ArgumentNullException.ThrowIfNull(restrictions);
        if (!Domain.Code.IsValid(code) || string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.InvalidRequest, "A stream needs a valid code and a name of up to 200 characters.");
        }

        if (!Enum.IsDefined(form) || !Enum.IsDefined(yearEndRule)
            || restrictions.Categories.Any(c => !Enum.IsDefined(c)) || restrictions.ClientGroups.Any(g => !Enum.IsDefined(g)))
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.InvalidRequest, "Unknown form, year-end rule, category or client group.");
        }

        if (expectedSpend.IsNegative)
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.InvalidAmount, "Expected spend cannot be negative.");
        }

        if ((expectedOutcome ?? string.Empty).Length > 500)
        {
            return Result<FundingStream>.Fail(BudgetErrorCode.InvalidRequest, "The expected outcome is limited to 500 characters.");
        }

        return new FundingStream(id, area, code, name.Trim(), year)
        {
            Agency = agency,
            Form = form,
            Categories = restrictions.Categories.ToHashSet(),
            ClientGroups = restrictions.ClientGroups.ToHashSet(),
            RingFenced = ringFenced,
            YearEndRule = yearEndRule,
            ExpectedSpend = expectedSpend.Pence,
            ExpectedOutcome = (expectedOutcome ?? string.Empty).Trim(),
        };
    }
}
