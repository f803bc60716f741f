using Ledger.Domain.Budgets;

namespace Ledger.Domain.Outcomes;

/// <summary>An estimated public cost avoided when an outcome is achieved (R22): not cash, and not the payer's.</summary>
/// <param name="CostAvoided">The estimate per outcome.</param>
/// <param name="Source">Where the estimate comes from (a published unit-cost table, a study).</param>
/// <param name="Agency">The agency whose costs fall (e.g. "NHS", "POLICE"), by code.</param>
/// <param name="Cashable">True when the saving is cash an agency no longer spends (a placement not bought); false for
/// cost avoidance, which frees capacity but no cash. Reports keep the two apart (R22).</param>
public sealed record SocialValue(Money CostAvoided, string Source, string Agency, bool Cashable = false);

/// <summary>
/// An outcome a provider can be paid for (R14): what it is, which Every Child Matters area it serves,
/// how it is measured, the evidence a claim needs, how long it must be sustained, and who is eligible.
/// </summary>
/// <param name="Code">A short code, e.g. "TF-CRIME-ASB".</param>
/// <param name="Name">Its name.</param>
/// <param name="Area">The Every Child Matters area.</param>
/// <param name="Measurement">How it is measured.</param>
/// <param name="EvidenceRequired">The kinds of evidence a claim needs, e.g. "school attendance record".</param>
/// <param name="SustainWeeks">Weeks it must last before it can be claimed (0 for none).</param>
/// <param name="MinAgeAtEnrolment">The youngest eligible age at enrolment, if any.</param>
/// <param name="MaxAgeAtEnrolment">The oldest eligible age at enrolment, if any.</param>
/// <param name="SocialValue">The estimated cost avoided, if known.</param>
public sealed record OutcomeDefinition(string Code, string Name, EveryChildMattersArea Area, string Measurement, IReadOnlyList<string> EvidenceRequired,
    int SustainWeeks, int? MinAgeAtEnrolment = null, int? MaxAgeAtEnrolment = null, SocialValue? SocialValue = null)
{
    /// <summary>Checks the definition; null when it is valid.</summary>
    public BudgetError? Check()
    {
        if (!Domain.Code.IsValid(Code) || string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Measurement) || !Enum.IsDefined(Area))
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, "An outcome needs a valid code, a name, an Every Child Matters area and how it is measured.");
        }

        if (SustainWeeks < 0 || MinAgeAtEnrolment < 0 || MaxAgeAtEnrolment < MinAgeAtEnrolment)
        {
            return new BudgetError(BudgetErrorCode.InvalidRequest, $"Outcome {Code}: the sustain period and ages must be positive, the youngest age no older than the oldest.");
        }

        return SocialValue is { } value && (value.CostAvoided.IsNegative || string.IsNullOrWhiteSpace(value.Source) || !Domain.Code.IsValid(value.Agency))
            ? new BudgetError(BudgetErrorCode.InvalidRequest, $"Outcome {Code}: a cost avoided needs a non-negative amount, its source and the agency it falls to.")
            : null;
    }

    /// <summary>True when someone of <paramref name="ageAtEnrolment"/> may be claimed for.</summary>
    public bool Eligible(int ageAtEnrolment) =>
        (MinAgeAtEnrolment is null || ageAtEnrolment >= MinAgeAtEnrolment) && (MaxAgeAtEnrolment is null || ageAtEnrolment <= MaxAgeAtEnrolment);
}
