using Ledger.Application.Budgets;
using Ledger.Application.Outcomes.Indigo;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Application.Outcomes;

/// <summary>
/// What payment by results bought, for the pilot report and for outside publication: the social value of
/// outcomes paid, cost avoidance kept apart from cashable savings and shown by the agency whose costs
/// fall (R22); and outcome prices and payments in the shape of the INDIGO data standard.
/// </summary>
public sealed class OutcomeReports(IOutcomeStore store, IBudgetStore budgets, IPurchasingStore purchasing, OutcomeService outcomes)
{
    /// <summary>
    /// One line per outcome claim approved in the period (approved or paid, not clawed back) with the cost
    /// its outcome is estimated to avoid; outcomes without an estimate show zero and no agency.
    /// </summary>
    public async Task<Result<IReadOnlyList<SocialValueLine>>> SocialValueAsync(string areaCode, LocalDate? from = null, LocalDate? to = null, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<IReadOnlyList<SocialValueLine>>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var catalogue = await outcomes.CatalogueAsync(ct).ConfigureAwait(false);
        var lines = (await store.ClaimsAsync(area.Id, null, null, ct).ConfigureAwait(false))
            .Where(c => c.Kind == PaymentKind.Outcome && c.CountsAsPaid && (from is null || c.ApprovedOn >= from) && (to is null || c.ApprovedOn <= to))
            .Select(c =>
            {
                var value = catalogue.GetValueOrDefault(c.Outcome!)?.SocialValue;
                return new SocialValueLine(c.Reference, c.Outcome!, Money.FromPence(c.Amount), value?.CostAvoided ?? Money.Zero, value?.Agency ?? string.Empty,
                    value?.Cashable ?? false, value?.Source ?? "no estimate recorded");
            })
            .OrderBy(l => l.Outcome, StringComparer.Ordinal).ThenBy(l => l.Claim, StringComparer.Ordinal)
            .ToList();
        return lines;
    }

    /// <summary>
    /// The area's outcome prices (every card a contract of the area uses) and outcome payments (planned:
    /// what each claim was validated at; actual: what was paid, net of clawbacks) in the INDIGO shape.
    /// </summary>
    public async Task<Result<string>> IndigoAsync(string areaCode, string projectId, IndigoClaimPeriod period = IndigoClaimPeriod.Quarter, CancellationToken ct = default)
    {
        if (await budgets.AreaAsync(areaCode, ct).ConfigureAwait(false) is not { } area)
        {
            return Result<string>.Fail(BudgetErrorCode.UnknownArea, $"There is no area '{areaCode}'.");
        }

        var contracts = (await store.ContractsAsync(area.Id, ct).ConfigureAwait(false)).ToDictionary(c => c.Id);
        var cards = (await outcomes.RateCardsAsync(null, ct).ConfigureAwait(false)).Where(c => contracts.Values.Any(k => k.Code == c.Contract)).ToList();
        var claims = (await store.ClaimsAsync(area.Id, null, null, ct).ConfigureAwait(false))
            .Where(c => c.Kind != PaymentKind.Attachment && c.ClaimedOn is not null && c.Status is not (ClaimStatus.Draft or ClaimStatus.Rejected)).ToList();
        var providers = (await purchasing.ProvidersAsync(claims.Select(c => c.Provider).Distinct(), ct).ConfigureAwait(false)).ToDictionary(p => p.Id, p => p.Code);
        var facts = claims.Select(c =>
            {
                // Paid once a run paid it; what stays paid is nothing once it has been clawed back.
                var paid = c.PaymentRun is not null && c.Status is ClaimStatus.Paid or ClaimStatus.ClawbackPending or ClaimStatus.ClawedBack;
                var actual = paid && c.Status != ClaimStatus.ClawedBack ? Money.FromPence(c.Amount) : Money.Zero;
                return new IndigoPaymentFact(c.Reference, contracts[c.Contract].Code, providers[c.Provider], c.Outcome!, c.ClaimedOn!.Value, Money.FromPence(c.Amount), actual, paid);
            })
            .ToList();
        return IndigoExport.Write(cards, await outcomes.CatalogueAsync(ct).ConfigureAwait(false), facts, projectId, period);
    }
}
