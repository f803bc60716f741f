using Ledger.Application.Demo;
using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Ledger.Integration.Tests.Outcomes;

/// <summary>
/// The Carrow Vale card shipped for the demo (R15–R19): it reads, checks and prices the Troubled
/// Families 2015 figures (£1,000 attachment, £800 result, one result per family), and its outcomes are
/// in the shipped catalogue. The demo itself is checked by <see cref="OutcomeDemoChecks"/>, called from
/// the demo tests on SQLite (through the CLI) and PostgreSQL (in process).
/// </summary>
public sealed class OutcomeDemoTests
{
    private static Money Pounds(decimal p) => Money.FromPounds(p);

    [Fact]
    public void CarrowValeCard_PaysAThousandOnAttachmentAndOneWeightedResultPerFamily_ItsPayersAreCarrowValeStreams_R15_R17_R19()
    {
        var card = RateCardJson.Read(RateCardJson.Shipped()["carrow-vale-family-outcomes-2026.json"]);
        card.Succeeded.Should().BeTrue(card.Error?.Message);
        var cv = card.Value!;
        cv.Contract.Should().Be("CV-FAMILY-OUTCOMES");
        cv.CoPayers.Select(c => (c.Stream, c.Percent)).Should().Equal(("EH-2026", 80m), ("BRIGHTWATER-2026", 20m));

        var catalogue = OutcomeCatalogueJson.Read(OutcomeCatalogueJson.Shipped());
        catalogue.Succeeded.Should().BeTrue(catalogue.Error?.Message);
        catalogue.Value!.Select(o => o.Code).Should().Contain(cv.Outcomes.Select(o => o.Outcome));

        var factors = new DifficultyFactors(0, 2, 0, 1);
        Tariff.Quote(cv, PaymentKind.Attachment, null, factors, PaymentHistory.None).Value!.Payable.Should().Be(Pounds(1_000));
        var result = Tariff.Quote(cv, PaymentKind.Outcome, "CV-FAMILY-STABLE", factors, PaymentHistory.None).Value!;
        result.Payable.Should().Be(Pounds(920), "£800 × 1.15 (two risk factors and an exclusion)");
        result.Shares.Should().Equal(("EH-2026", Pounds(736)), ("BRIGHTWATER-2026", Pounds(184)));

        // One result per family: the two outcomes are one exclusive group.
        var afterStable = PaymentHistory.None with { OutcomesPaid = new HashSet<string> { "CV-FAMILY-STABLE" } };
        Tariff.Quote(cv, PaymentKind.Outcome, "EH-ATTENDANCE", factors, afterStable).Error!.Code.Should().Be(BudgetErrorCode.ExcludedCombination);
    }
}

/// <summary>What the demo's payment by results must show (R14–R22), read straight from the database after <c>ledger demo</c>.</summary>
internal static class OutcomeDemoChecks
{
    /// <summary>The demo's payment-by-results figures in <see cref="DemoSummary"/>.</summary>
    public static void Summary(DemoSummary s)
    {
        s.Outcomes.Should().BeGreaterThanOrEqualTo(15);
        s.RateCards.Should().Be(RateCardJson.Shipped().Count);
        s.OutcomeContracts.Should().Be(2);
        s.Enrolments.Should().Be(22);
        s.AttachmentFees.Should().Be(Money.FromPounds(16 * 400m + 6 * 1_000m));
        s.Claims.Should().Be(new ClaimCounts(Draft: 1, Validated: 1, SignedOff: 1, Approved: 3, Paid: 13, Rejected: 2, ClawbackPending: 0, ClawedBack: 1, Sustainments: 1));
        s.OutcomePaymentsPaid.Should().Be(Money.FromPounds(25_950m), "£12,400 of attachment fees and £13,550 of outcome payments (£1,250 of it later clawed back)");
        s.OutcomePaymentsOwed.Should().Be(Money.FromPounds(1_612.50m));
        s.ClawbacksRecovered.Should().Be(Money.FromPounds(1_250m));
        s.SampleSize.Should().BeGreaterThanOrEqualTo(3, "every claim of £1,200 or more is drawn, and 10% of the others at random");
        s.FoundInvalid.Should().Be(1);
    }

    /// <summary>
    /// Contracts, enrolments with their weights and attachment fees (R15, R16), claims in every state with
    /// their evidence (R20), one whole-family refusal (R21), and one claim paid in September, found
    /// invalid in the October sample and recovered by the October run, which still paid the provider
    /// (R21, example 9); the verifier's payment-by-results checks pass.
    /// </summary>
    public static async Task PaymentByResultsAsync(TestDatabase db, bool evidenceFilesInThisProcess)
    {
        await using var c = db.CreateContext();
        var contracts = await c.OutcomeContracts.ToListAsync();
        contracts.Select(k => k.Code).Should().BeEquivalentTo(["WM-EARLY-HELP", "CV-FAMILY-OUTCOMES"]);
        (await c.RateCards.CountAsync()).Should().Be(RateCardJson.Shipped().Count);

        var enrolments = await c.Enrolments.ToListAsync();
        enrolments.Should().HaveCount(22);
        var westmoor = RateCardJson.Read(RateCardJson.Shipped()["westmoor-early-help-2026.json"]).Value!;
        enrolments.Where(e => e.Card == westmoor.Code).Select(e => westmoor.Weights.For(e.Factors)).Distinct().Should().HaveCountGreaterThan(4, "weights show");
        enrolments.Should().Contain(e => e.AgeAtEnrolment != null).And.Contain(e => e.AgeAtEnrolment == null, "children have an age, families none");

        var claims = await c.OutcomeClaims.ToListAsync();
        var attachments = claims.Where(k => k.Kind == PaymentKind.Attachment).ToList();
        attachments.Should().HaveCount(22).And.OnlyContain(k => k.Status == ClaimStatus.Paid && k.PaymentRun != null);
        var outcomes = claims.Where(k => k.Kind != PaymentKind.Attachment).ToList();
        outcomes.Select(k => k.Status).Distinct().Should().BeEquivalentTo([ClaimStatus.Draft, ClaimStatus.Validated, ClaimStatus.SignedOff, ClaimStatus.Approved,
            ClaimStatus.Paid, ClaimStatus.Rejected, ClaimStatus.ClawedBack]);
        outcomes.Where(k => k.Status == ClaimStatus.Rejected).Should().HaveCount(2).And.OnlyContain(k => !string.IsNullOrWhiteSpace(k.Reason))
            .And.Contain(k => k.Reason!.Contains("family result is void", StringComparison.Ordinal));
        outcomes.Should().ContainSingle(k => k.Kind == PaymentKind.Sustainment).Which.Sustainment.Should().Be(1);
        outcomes.Where(k => k.Status == ClaimStatus.Approved).Should().OnlyContain(k => k.PaymentRun == null && k.PayableEntry != null, "approved after the last run: owed");
        outcomes.Where(k => k.Status == ClaimStatus.Paid).Should().OnlyContain(k => k.PaymentRun != null && k.ApprovedOn <= new LocalDate(2026, 10, 30));
        (await c.ProblemRecurrences.CountAsync()).Should().Be(1);

        var evidence = (await c.EvidenceFiles.ToListAsync()).ToLookup(e => e.Claim);
        outcomes.Should().OnlyContain(k => evidence[k.Id].Count() >= 2, "each claim has its outcome evidence and the work done");
        evidence.SelectMany(e => e).Select(e => e.ContentType).Distinct().Should().BeEquivalentTo(["application/pdf", "text/plain"]);
        if (evidenceFilesInThisProcess)
        {
            var files = db.Services.GetRequiredService<IEvidenceFiles>();
            foreach (var file in evidence.SelectMany(e => e))
            {
                (await files.ReadAsync(file.Sha256, CancellationToken.None)).Should().NotBeNull($"evidence {file.FileName} is stored by its hash");
            }
        }

        // The clawback: paid in September, found invalid in the October sample, recovered by the October run's reversing entry.
        var runs = await c.PaymentRuns.ToDictionaryAsync(r => r.Id);
        var clawedBack = outcomes.Should().ContainSingle(k => k.Status == ClaimStatus.ClawedBack).Subject;
        clawedBack.Amount.Should().Be(125_000, "£1,000 × 1.25");
        runs[clawedBack.PaymentRun!.Value].RunOn.Should().Be(new LocalDate(2026, 9, 30));
        runs[clawedBack.ClawbackRun!.Value].RunOn.Should().Be(new LocalDate(2026, 10, 30));
        var reversal = await c.JournalEntries.SingleAsync(e => e.Id == clawedBack.ClawbackEntry);
        reversal.Reverses.Should().Be(clawedBack.PayableEntry);
        reversal.EffectiveDate.Should().Be(new LocalDate(2026, 10, 30));
        var shares = await c.OutcomeClaimShares.Where(s => s.Claim == clawedBack.Id).ToListAsync();
        shares.Select(s => (s.Payer, s.Amount)).Should().BeEquivalentTo([("FP-2026", 25_000L), ("EIG-2026", 100_000L)]);

        var sample = await c.AssuranceSamples.SingleAsync();
        (sample.Seed, sample.Threshold, sample.Percent).Should().Be((2026, 120_000L, 10m));
        var checks = await c.SpotChecks.Where(k => k.Sample == sample.Id).ToListAsync();
        checks.Should().HaveCountGreaterThanOrEqualTo(3).And.OnlyContain(k => k.Finding != SpotCheckFinding.Pending);
        checks.Should().ContainSingle(k => k.Finding == SpotCheckFinding.Invalid).Which.Claim.Should().Be(clawedBack.Id);
        var drawn = checks.Select(k => k.Claim).ToHashSet();
        outcomes.Where(k => k.Area == sample.Area && k.ApprovedOn >= sample.From && k.ApprovedOn <= sample.To && k.Amount >= sample.Threshold)
            .Should().OnlyContain(k => drawn.Contains(k.Id), "every claim at or above the threshold is drawn");

        // The October run still paid the provider: its invoices and claims less the clawback.
        var october = await c.ProviderPayments.SingleAsync(p => p.Run == clawedBack.ClawbackRun && p.Provider == clawedBack.Provider);
        var invoiced = await c.Invoices.Where(i => i.PaymentRun == clawedBack.ClawbackRun && i.Provider == clawedBack.Provider).SumAsync(i => i.Amount);
        var claimed = claims.Where(k => k.PaymentRun == clawedBack.ClawbackRun && k.Provider == clawedBack.Provider).Sum(k => k.Amount);
        october.Amount.Should().Be(invoiced + claimed - clawedBack.Amount).And.BePositive();

        var report = await db.Verifier.VerifyAsync();
        report.AllPassed.Should().BeTrue(string.Join("; ", report.Checks.Where(k => !k.Passed).Select(k => $"{k.Name}: {k.Detail}")));
        report.Checks.Should().Contain(k => k.Name.Contains("outcome claim", StringComparison.Ordinal) && k.Detail.Contains("44 claims", StringComparison.Ordinal));
    }
}
