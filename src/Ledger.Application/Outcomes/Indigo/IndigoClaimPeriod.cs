namespace Ledger.Application.Outcomes.Indigo;

/// <summary>How <see cref="IndigoExport"/> groups claims into claim periods by the day they were claimed.</summary>
public enum IndigoClaimPeriod
{
    /// <summary>Calendar quarters: January–March, April–June, July–September, October–December (the default).</summary>
    Quarter,

    /// <summary>Calendar months.</summary>
    Month,

    /// <summary>UK financial years, 1 April to 31 March.</summary>
    FinancialYear,
}
