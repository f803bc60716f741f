using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Application.Demo;

/// <summary>
/// Demo data for a fresh install: one area pooling three funding streams (DOMAIN.md §4 figures),
/// individual budgets for three children (pseudonymous references only), and a few purchases —
/// one settled in part (worked example 4) and one still held. Loading twice changes nothing: every
/// request carries a fixed idempotency key.
/// </summary>
public sealed class DemoLedger(ILedgerSetup setup, IPostingService engine)
{
    /// <summary>The demo area's code.</summary>
    public const string AreaCode = "DEMO";

    /// <summary>Loads the demo data; returns the number of requests that wrote something new.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken = default)
    {
        var year = FinancialYear.StartingIn(2026);
        var area = await setup.EnsureAreaAsync(AreaCode, "Demo County Council", cancellationToken).ConfigureAwait(false);
        var csc = await setup.EnsureStreamAsync(area.Id, "CSC-2026", "Council children's social care 2026/27", year, cancellationToken).ConfigureAwait(false);
        var health = await setup.EnsureStreamAsync(area.Id, "NHS-2026", "NHS health 2026/27", year, cancellationToken).ConfigureAwait(false);
        var grant = await setup.EnsureStreamAsync(area.Id, "GRANT-2026", "Family pathfinder grant 2026/27", year, cancellationToken).ConfigureAwait(false);

        async Task<AccountId> Open(AccountKind kind, string owner, FundingStream stream) =>
            (await setup.EnsureAccountAsync(kind, area.Id, owner, stream.Id, cancellationToken).ConfigureAwait(false)).Id;

        var april = year.Start;
        var commands = new List<LedgerCommand>();
        var contributions = new[] { (csc, 60_000m), (health, 25_000m), (grant, 15_000m) };
        foreach (var (stream, pounds) in contributions)
        {
            var amount = Money.FromPounds(pounds);
            commands.Add(new PostEntry($"demo:contribution:{stream.Code}", april, $"{stream.Name}: contribution to the early help pool",
                [JournalLine.Debit(await Open(AccountKind.StreamFunds, "FUNDS", stream), amount), JournalLine.Credit(await Open(AccountKind.Pool, "EARLY-HELP", stream), amount)]));
        }

        var children = new[] { ("CHILD-A7K2", 2_000m, 500m, 0m), ("CHILD-B3M9", 1_500m, 0m, 800m), ("FAMILY-C4P1", 3_000m, 1_000m, 1_200m) };
        foreach (var (owner, social, nhs, pathfinder) in children)
        {
            foreach (var (stream, pounds) in new[] { (csc, social), (health, nhs), (grant, pathfinder) }.Where(x => x.Item2 > 0))
            {
                var amount = Money.FromPounds(pounds);
                commands.Add(new PostEntry($"demo:allocation:{owner}:{stream.Code}", april.PlusDays(14), "Allocation from the early help pool after assessment",
                    [JournalLine.Debit(await Open(AccountKind.Pool, "EARLY-HELP", stream), amount),
                     JournalLine.Credit(await Open(AccountKind.IndividualBudget, owner, stream), amount)]));
            }
        }

        commands.Add(new PostEntry("demo:lp-budget", april, "Lead professional's delegated budget",
            [JournalLine.Debit(await Open(AccountKind.Pool, "EARLY-HELP", csc), Money.FromPounds(15_000m)),
             JournalLine.Credit(await Open(AccountKind.LeadProfessionalBudget, "LP-0001", csc), Money.FromPounds(15_000m))]));

        var changed = (await engine.ExecuteAsync(commands, cancellationToken).ConfigureAwait(false)).Count(o => o.Succeeded && !o.Replayed);

        // Worked example 4: a £400 order for 8 sessions; the provider invoices 6 (£300).
        var order = await engine.ExecuteAsync(new ReserveHold("demo:order:speech-therapy", new LocalDate(2026, 5, 6), "Speech therapy, 8 sessions",
            [new HoldLegRequest(await Open(AccountKind.IndividualBudget, "CHILD-A7K2", health), await Open(AccountKind.ProviderPayable, "PROV-TALKWELL", health), Money.FromPounds(400m))],
            null), cancellationToken).ConfigureAwait(false);
        changed += order.Succeeded && !order.Replayed ? 1 : 0;
        if (order.Hold is { } hold)
        {
            var invoice = await engine.ExecuteAsync(new PostHold("demo:invoice:speech-therapy", hold, new LocalDate(2026, 6, 30), "Invoice: 6 sessions delivered",
                Money.FromPounds(300m)), cancellationToken).ConfigureAwait(false);
            changed += invoice.Succeeded && !invoice.Replayed ? 1 : 0;
        }

        var held = await engine.ExecuteAsync(new ReserveHold("demo:order:tuition", new LocalDate(2026, 9, 2), "Maths tuition, autumn term",
            [new HoldLegRequest(await Open(AccountKind.IndividualBudget, "FAMILY-C4P1", csc), await Open(AccountKind.ProviderPayable, "PROV-BRIGHTSTART", csc), Money.FromPounds(250m)),
             new HoldLegRequest(await Open(AccountKind.IndividualBudget, "FAMILY-C4P1", grant), await Open(AccountKind.ProviderPayable, "PROV-BRIGHTSTART", grant), Money.FromPounds(100m))],
            null), cancellationToken).ConfigureAwait(false);
        changed += held.Succeeded && !held.Replayed ? 1 : 0;
        return changed;
    }
}
