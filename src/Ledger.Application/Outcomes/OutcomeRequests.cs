using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Application.Outcomes;

/// <summary>Payment-by-results settings.</summary>
public sealed class OutcomeOptions
{
    /// <summary>The configuration section: <c>Ledger:Outcomes</c>.</summary>
    public const string Section = "Ledger:Outcomes";

    /// <summary>The largest evidence file accepted, in bytes. Default 10 MiB.</summary>
    public long EvidenceMaxBytes { get; set; } = EvidencePolicy.DefaultMaxBytes;

    /// <summary>Where evidence files are kept; relative paths are under the data folder. Default "evidence".</summary>
    public string EvidenceFolder { get; set; } = "evidence";
}

/// <summary>Creates a payment-by-results contract.</summary>
public sealed record ContractRequest(string Area, string Code, string Name, string Provider, string Pool, LocalDate StartsOn, LocalDate? EndsOn);

/// <summary>Enrols a child or family on a contract and pays the attachment fee (R15, R16).</summary>
/// <param name="Area">The area.</param>
/// <param name="Contract">The contract's code.</param>
/// <param name="Subject">The child's or family's reference.</param>
/// <param name="EnrolledOn">The date of enrolment.</param>
/// <param name="Cohort">The cohort, when more than one card applies on the date.</param>
/// <param name="AgeAtEnrolment">The child's age at enrolment, if the outcomes have age guards.</param>
/// <param name="Factors">The difficulty factors recorded at enrolment.</param>
/// <param name="By">Who enrols.</param>
/// <param name="IdempotencyKey">The request's key; by default one enrolment per contract and subject.</param>
public sealed record EnrolRequest(string Area, string Contract, string Subject, LocalDate EnrolledOn, int? Cohort, int? AgeAtEnrolment, DifficultyFactors Factors,
    string By, string? IdempotencyKey = null);

/// <summary>Starts a draft claim (R20).</summary>
/// <param name="Area">The area.</param>
/// <param name="Contract">The contract's code.</param>
/// <param name="Subject">The child's or family's reference.</param>
/// <param name="Outcome">The outcome's code.</param>
/// <param name="Sustainment">For a sustainment payment, which of the series (1, 2, …); null for the outcome itself.</param>
/// <param name="AchievedOn">The day the outcome was achieved.</param>
/// <param name="By">Who makes the claim.</param>
/// <param name="IdempotencyKey">The request's key.</param>
public sealed record DraftClaimRequest(string Area, string Contract, string Subject, string Outcome, int? Sustainment, LocalDate AchievedOn, string By, string IdempotencyKey);

/// <summary>Attaches a file of evidence to a draft claim.</summary>
public sealed record EvidenceRequest(string Area, string Claim, string Describes, EvidencePurpose Purpose, string FileName, ReadOnlyMemory<byte> Content, string By);

/// <summary>A claim with what explains it: its contract, enrolment, card, outcome, shares and evidence.</summary>
/// <param name="Claim">The claim.</param>
/// <param name="Contract">Its contract.</param>
/// <param name="Enrolment">Its enrolment.</param>
/// <param name="Subject">The child's or family's reference.</param>
/// <param name="Provider">The provider's code.</param>
/// <param name="Shares">Each payer's part, with the payer's stream code.</param>
/// <param name="Evidence">Evidence attached.</param>
public sealed record ClaimView(OutcomeClaim Claim, OutcomeContract Contract, Enrolment Enrolment, string Subject, string Provider,
    IReadOnlyList<OutcomeClaimShare> Shares, IReadOnlyList<EvidenceFile> Evidence)
{
    /// <summary>The claim's amount.</summary>
    public Money Amount => Money.FromPence(Claim.Amount);
}

/// <summary>What a spot checker looks at for one sampled claim (R21): eligibility, evidence of the work, evidence of the outcome, and the pricing.</summary>
/// <param name="View">The claim and what explains it.</param>
/// <param name="Card">The card that priced it.</param>
/// <param name="Definition">The outcome (null for an attachment fee).</param>
/// <param name="Eligibility">Lines showing the eligibility facts and guards.</param>
/// <param name="Checks">Its spot checks so far.</param>
public sealed record SpotCheckBundle(ClaimView View, RateCard Card, OutcomeDefinition? Definition, IReadOnlyList<string> Eligibility, IReadOnlyList<SpotCheck> Checks);

/// <summary>One outcome paid and the public cost it is estimated to avoid (R22).</summary>
/// <param name="Claim">The claim's reference.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Paid">What was paid for it.</param>
/// <param name="CostAvoided">The estimate, if the outcome carries one.</param>
/// <param name="Agency">The agency whose costs fall.</param>
/// <param name="Cashable">True for a cashable saving; false for cost avoidance.</param>
/// <param name="Source">The estimate's source.</param>
public sealed record SocialValueLine(string Claim, string Outcome, Money Paid, Money CostAvoided, string Agency, bool Cashable, string Source);
