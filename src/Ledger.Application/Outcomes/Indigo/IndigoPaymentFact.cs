using Ledger.Domain;
using NodaTime;

namespace Ledger.Application.Outcomes.Indigo;

/// <summary>One outcome payment fact: a claim as the ledger knows it, the input to <see cref="IndigoExport"/>.</summary>
/// <param name="ClaimReference">The claim's reference; unique among the facts exported together.</param>
/// <param name="Contract">The payment-by-results contract claimed under (a rate card's <c>Contract</c>).</param>
/// <param name="Provider">The organisation claiming (and paid), by its code.</param>
/// <param name="Outcome">The outcome claimed for, by its code (the INDIGO outcome metric id).</param>
/// <param name="ClaimedOn">The day the claim was made; it decides the claim period.</param>
/// <param name="Planned">What the claim was validated or quoted at.</param>
/// <param name="Actual">What was paid, net of clawbacks; zero when it has not been paid.</param>
/// <param name="Paid">True when the claim has been paid.</param>
public sealed record IndigoPaymentFact(string ClaimReference, string Contract, string Provider, string Outcome, LocalDate ClaimedOn,
    Money Planned, Money Actual, bool Paid);
