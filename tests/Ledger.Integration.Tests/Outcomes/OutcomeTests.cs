using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Outcomes.OutcomesWorld;

namespace Ledger.Integration.Tests.Outcomes;

/// <summary>
/// Payment by results (R14–R22, worked examples 5–9) on a real database through the real migrations:
/// enrolment with its attachment fee, claims from draft to payment, caps, windows, co-payers, assurance
/// and clawback through the next payment run. Refusals are checked to write nothing; scenarios end with
/// the verifier. Each database runs the same tests (subclasses at the end).
/// </summary>
public abstract class OutcomeTests
{
    private static readonly LocalDate Enrolled2012 = new(2012, 6, 1);

    protected abstract DatabaseProvider Provider { get; }

    private Task<TestDatabase> NewDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    private static void Refused<T>(Result<T> result, BudgetErrorCode code)
    {
        result.Succeeded.Should().BeFalse($"{code} was expected");
        result.Error!.Code.Should().Be(code, result.Error.Message);
    }

    private static async Task VerifiedAsync(TestDatabase db)
    {
        var report = await db.Verifier.VerifyAsync();
        report.Checks.Where(c => !c.Passed).Should().BeEmpty();
    }

    // ---- Worked example 5 (R15, R17): a year-one family on the Troubled-Families-style card ----

    [Fact]
    public async Task Example5_TroubledFamiliesYearOneFamily_AttachmentResultAndProgressPayTheFourThousandCap_R15_R17()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);

        var (enrolment, attachment) = Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        enrolment.Card.Should().Be("TF-2012-Y1");
        enrolment.Cohort.Should().Be(1);
        attachment!.Amount.Should().Be(320_000);
        attachment.Status.Should().Be(ClaimStatus.Approved);
        attachment.PayableEntry.Should().NotBeNull();

        // Crime/ASB and attendance: achieved 15 June 2012, sustained 26 weeks to 14 December, claimable 15 working days later.
        var result = await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        result.Amount.Should().Be(70_000);
        var progress = await w.ClaimThroughAsync(Tf, Family, "TF-PROGRESS-WORK", new LocalDate(2013, 1, 7), new LocalDate(2013, 2, 1));
        progress.Amount.Should().Be(10_000);
        (await w.OwedAsync()).Should().BeEquivalentTo(new Dictionary<string, Money> { ["DCLG-TF"] = Pounds(4_000) });

        // The cap is reached and the work outcomes exclude each other: nothing more is paid for this family.
        var employment = await w.DraftWithEvidenceAsync(Tf, Family, "TF-EMPLOYMENT", new LocalDate(2013, 1, 7));
        Refused(await w.Outcomes.SubmitAsync(AreaCode, employment.Reference, new LocalDate(2013, 8, 1)), BudgetErrorCode.ExcludedCombination);

        // One payment run pays the provider the £4,000 in one payment with three remittance lines.
        var run = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 3, 1)));
        run.Payments.Should().ContainSingle().Which.Amount.Should().Be(Pounds(4_000));
        run.Payments[0].Outcomes.Select(o => (o.Claim.Kind, o.Amount)).Should().BeEquivalentTo(
            [(PaymentKind.Attachment, 320_000L), (PaymentKind.Outcome, 70_000L), (PaymentKind.Outcome, 10_000L)]);
        (await w.OwedAsync()).Should().BeEmpty();
        var claims = Ok(await w.Outcomes.ClaimsAsync(AreaCode, Tf));
        claims.Where(c => c.Claim.Status == ClaimStatus.Paid).Should().HaveCount(3);
        PaymentFiles.Remittance(run).Should().Contain("outcome claim").And.Contain("CLAIM");
        await VerifiedAsync(db);
    }

    // ---- Worked example 6 (R17): the per-participant cap pays the remainder ----

    [Fact]
    public async Task Example6_InnovationFundCapAfter7800_A5100OutcomePays400_R17()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(If, Yp16, new LocalDate(2012, 9, 3), age: 16));
        var paid = 0L;
        foreach (var outcome in new[] { "IF-BEHAVIOUR", "IF-ATTENDANCE", "IF-ATTITUDE", "IF-L1", "IF-L2" })
        {
            paid += (await w.ClaimThroughAsync(If, Yp16, outcome, new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1))).Amount;
        }

        paid.Should().Be(780_000);
        var l3 = await w.ClaimThroughAsync(If, Yp16, "IF-L3", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1));
        l3.Amount.Should().Be(40_000);
        l3.Working.Should().Contain("per-participant cap of £8,200.00 with £7,800.00 already paid leaves £400.00");

        // Nothing is left under the cap: a further outcome is refused with nothing written.
        var job = await w.DraftWithEvidenceAsync(If, Yp16, "IF-FIRST-JOB", new LocalDate(2012, 10, 1));
        var before = await w.SnapshotAsync();
        Refused(await w.Outcomes.SubmitAsync(AreaCode, job.Reference, new LocalDate(2012, 11, 1)), BudgetErrorCode.OverCap);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        await VerifiedAsync(db);
    }

    // ---- Worked example 7 (R19) and the difficulty weighting (R16) ----

    [Fact]
    public async Task Example7_CoPayers_TwentyPercentCentralTopUpAndEightyPercentLocal_EachPostedToItsOwnStream_R19()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10)));
        var claim = await w.ClaimThroughAsync(Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20), new LocalDate(2026, 8, 10));

        claim.Amount.Should().Be(100_000);
        var view = Ok(await w.Outcomes.ClaimAsync(AreaCode, claim.Reference));
        view.Shares.Select(s => (s.Payer, s.Amount)).Should().BeEquivalentTo([("GRANT-2026", 20_000L), ("CSC-2026", 80_000L)]);
        (await w.OwedAsync()).Should().BeEquivalentTo(new Dictionary<string, Money> { ["GRANT-2026"] = Pounds(200), ["CSC-2026"] = Pounds(800) });
        await VerifiedAsync(db);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 100_000)]   // no factors: weight 1
    [InlineData(2, 1, 0, 0, 125_000)]   // 1 + 0.2 + 0.05 = 1.25
    [InlineData(5, 4, 3, 2, 150_000)]   // capped at the card's maximum of 1.5
    public async Task DifficultyWeight_FromTheFactorsAtEnrolment_HardCasesPayMore_R16(int yearsInCare, int riskFactors, int disability, int exclusions, long expected)
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10), factors: new DifficultyFactors(yearsInCare, riskFactors, disability, exclusions)));
        var claim = await w.ClaimThroughAsync(Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20), new LocalDate(2026, 8, 10));
        claim.Amount.Should().Be(expected);
        await VerifiedAsync(db);
    }

    // ---- Worked example 8 (R18): the claim window in working days ----

    [Theory]
    [InlineData(2013, 3, 11, false)]  // Monday 11 March: only 6 working days after Friday 1 March
    [InlineData(2013, 3, 21, false)]  // Thursday 21 March: 14 working days
    [InlineData(2013, 3, 22, true)]   // Friday 22 March: the 15th working day
    [InlineData(2013, 3, 25, true)]   // Monday 25 March: accepted
    [InlineData(2013, 6, 1, false)]   // after the 90-day deadline (30 May)
    public async Task Example8_ClaimWindow_SustainedFriday1March2013_FifteenWorkingDaysBeforeAClaim_R18(int year, int month, int day, bool accepted)
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, new LocalDate(2012, 8, 1)));
        // Achieved Friday 31 August 2012 + 26 weeks' sustain period = Friday 1 March 2013.
        var claim = await w.DraftWithEvidenceAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 8, 31));
        var submitted = await w.Outcomes.SubmitAsync(AreaCode, claim.Reference, new LocalDate(year, month, day));
        if (accepted)
        {
            Ok(submitted).Status.Should().Be(ClaimStatus.Validated);
        }
        else
        {
            Refused(submitted, BudgetErrorCode.OutsideClaimWindow);
            submitted.Error!.Message.Should().Contain("2013-03-01");
        }
    }

    // ---- Worked example 9 (R21): a paid claim found invalid is clawed back in the next run ----

    [Fact]
    public async Task Example9_PaidClaimFoundInvalid_ReversingEntryRecoversItInTheNextPaymentRun_R21()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        var claim = await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        var first = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 1, 31)));
        first.Total.Should().Be(Pounds(3_900));

        // A 100% sample of January's approvals; the spot check finds the £700 claim invalid.
        var sample = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), new SampleRules(100, 42, null, null, null), Auditor));
        sample.Checks.Select(c => c.Claim.Claim.Reference).Should().Equal(claim.Reference);
        var found = Ok(await w.Assurance.RecordFindingAsync(AreaCode, sample.Sample.Reference, claim.Reference, SpotCheckFinding.Invalid,
            "School attendance record was for another child", Auditor));
        found.Status.Should().Be(ClaimStatus.ClawbackPending);

        // The next run: another family's attachment fee of £3,200 is owed; the £700 is netted against it.
        Ok(await w.Budgets.People.AddChildAsync(AreaCode, "CHILD-C1", "Cara Testchild", new LocalDate(2008, 1, 1)));
        Ok(await w.Budgets.People.AddFamilyAsync(AreaCode, "FAM-C", "The Othertest household", ["CHILD-C1"]));
        Ok(await w.EnrolAsync(Tf, "FAM-C", new LocalDate(2013, 2, 1)));
        var second = Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 2, 28)));
        var payment = second.Payments.Should().ContainSingle().Subject;
        payment.Amount.Should().Be(Pounds(2_500));
        payment.Outcomes.Select(o => (o.Claim.Reference == claim.Reference, o.Clawback, o.Amount)).Should().BeEquivalentTo(
            [(false, false, 320_000L), (true, true, -70_000L)]);
        PaymentFiles.Remittance(second).Should().Contain("-700.00").And.Contain("clawback");

        var recovered = Ok(await w.Outcomes.ClaimAsync(AreaCode, claim.Reference)).Claim;
        recovered.Status.Should().Be(ClaimStatus.ClawedBack);
        await using (var context = db.CreateContext())
        {
            var reversal = await context.JournalEntries.SingleAsync(e => e.Id == recovered.ClawbackEntry);
            reversal.Reverses.Should().Be(recovered.PayableEntry);
            reversal.EffectiveDate.Should().Be(new LocalDate(2013, 2, 28));
        }

        (await w.OwedAsync()).Should().BeEmpty();
        await VerifiedAsync(db);
    }

    [Fact]
    public async Task Clawback_OfAClaimNotYetPaid_ReversesItsPayableAtOnce_R21()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        var claim = await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        var sample = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2013, 1, 1), new LocalDate(2013, 1, 31), new SampleRules(0, 1, Pounds(500), null, null), Auditor));
        sample.Checks.Should().ContainSingle().Which.Check.Reasons.Should().Contain("at or above £500.00");

        var found = Ok(await w.Assurance.RecordFindingAsync(AreaCode, sample.Sample.Reference, claim.Reference, SpotCheckFinding.Invalid, "No evidence of the work", Auditor));
        found.Status.Should().Be(ClaimStatus.ClawedBack);
        found.ClawbackRun.Should().BeNull();
        (await w.OwedAsync()).Should().BeEquivalentTo(new Dictionary<string, Money> { ["DCLG-TF"] = Pounds(3_200) });
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 1, 31))).Total.Should().Be(Pounds(3_200));
        await VerifiedAsync(db);
    }

    // ---- Sustainment payments (R15) and the caps per contract and per payer (R17) ----

    [Fact]
    public async Task Sustainment_PaidEveryThirteenWeeksAfterTheOutcome_NotBeforeTheOutcomeIsApproved_R15_R18()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10)));
        var achieved = new LocalDate(2026, 4, 20);
        var early = await w.DraftWithEvidenceAsync(Eh, Amy, "EH-ATTENDANCE", achieved, sustainment: 1);
        Refused(await w.Outcomes.SubmitAsync(AreaCode, early.Reference, new LocalDate(2026, 10, 20)), BudgetErrorCode.ClaimNotInState);

        await w.ClaimThroughAsync(Eh, Amy, "EH-ATTENDANCE", achieved, new LocalDate(2026, 8, 10));
        // Sustained 13 weeks (the outcome) + 13 weeks (the first sustainment): from Monday 19 October 2026.
        Refused(await w.Outcomes.SubmitAsync(AreaCode, early.Reference, new LocalDate(2026, 10, 16)), BudgetErrorCode.OutsideClaimWindow);
        Ok(await w.Outcomes.SubmitAsync(AreaCode, early.Reference, new LocalDate(2026, 10, 20))).Amount.Should().Be(25_000);
        Ok(await w.Outcomes.SignOffAsync(AreaCode, early.Reference, Auditor));
        Ok(await w.Outcomes.ApproveAsync(AreaCode, early.Reference, Holder, new LocalDate(2026, 10, 21))).Working.Should().Contain("Sustainment 1 of 2");
        (await w.OwedAsync()).Values.Aggregate(Money.Zero, (a, b) => a + b).Should().Be(Pounds(1_250));

        // The second of the series cannot be claimed for a date still to come.
        var second = await w.DraftWithEvidenceAsync(Eh, Amy, "EH-ATTENDANCE", achieved, sustainment: 2);
        Refused(await w.Outcomes.SubmitAsync(AreaCode, second.Reference, new LocalDate(2027, 1, 20)), BudgetErrorCode.InvalidDates);
        await VerifiedAsync(db);
    }

    [Fact]
    public async Task Caps_PerContractAndPerPayer_CutTheSharesWithoutMovingThemToOtherPayers_R17_R19()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        var capped = DevonCard.Replace("\"code\": \"DEVON-EH-2026\"", "\"code\": \"DEVON-CAP-2026\"", StringComparison.Ordinal)
            .Replace("\"contract\": \"DEVON-EH\"", "\"contract\": \"DEVON-CAP\"", StringComparison.Ordinal)
            .Replace("\"perContract\": \"60000.00\"", "\"perContract\": \"1500.00\"", StringComparison.Ordinal)
            .Replace("\"percent\": 20, \"cap\": null", "\"percent\": 20, \"cap\": \"250.00\"", StringComparison.Ordinal);
        Ok(await w.Outcomes.ImportRateCardAsync(capped));
        Ok(await w.Outcomes.CreateContractAsync(new ContractRequest(AreaCode, "DEVON-CAP", "Capped contract", OutcomesWorld.Provider, PoolCode, April1, null)));
        Ok(await w.EnrolAsync("DEVON-CAP", Amy, new LocalDate(2026, 4, 10)));
        Ok(await w.EnrolAsync("DEVON-CAP", Ben, new LocalDate(2026, 4, 10)));

        var first = await w.ClaimThroughAsync("DEVON-CAP", Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20), new LocalDate(2026, 8, 10));
        first.Amount.Should().Be(100_000);
        // £1,500 contract cap less £1,000 leaves £500: GRANT's 20% (£100) is cut to the £50 left under its £250 cap; CSC pays its £400.
        var second = await w.ClaimThroughAsync("DEVON-CAP", Ben, "EH-ATTENDANCE", new LocalDate(2026, 4, 20), new LocalDate(2026, 8, 10));
        second.Amount.Should().Be(45_000);
        Ok(await w.Outcomes.ClaimAsync(AreaCode, second.Reference)).Shares.Select(s => (s.Payer, s.Amount)).Should().BeEquivalentTo([("GRANT-2026", 5_000L), ("CSC-2026", 40_000L)]);
        second.Working.Should().Contain("contract cap").And.Contain("GRANT-2026 payer cap");
        await VerifiedAsync(db);
    }

    // ---- Claim lifecycle (R20) ----

    [Fact]
    public async Task Approval_ByTheAuditorOrTwice_IsRefusedOrPaysOnce_R20()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10)));
        var draft = await w.DraftWithEvidenceAsync(Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20));
        Refused(await w.Outcomes.ApproveAsync(AreaCode, draft.Reference, Holder, new LocalDate(2026, 8, 12)), BudgetErrorCode.ClaimNotInState);
        Ok(await w.Outcomes.SubmitAsync(AreaCode, draft.Reference, new LocalDate(2026, 8, 10)));
        Ok(await w.Outcomes.SignOffAsync(AreaCode, draft.Reference, Auditor));
        Refused(await w.Outcomes.ApproveAsync(AreaCode, draft.Reference, Auditor, new LocalDate(2026, 8, 12)), BudgetErrorCode.SelfApproval);

        var approved = Ok(await w.Outcomes.ApproveAsync(AreaCode, draft.Reference, Holder, new LocalDate(2026, 8, 12)));
        var again = Ok(await w.Outcomes.ApproveAsync(AreaCode, draft.Reference, Holder, new LocalDate(2026, 8, 12)));
        again.PayableEntry.Should().Be(approved.PayableEntry);
        (await w.OwedAsync()).Values.Aggregate(Money.Zero, (a, b) => a + b).Should().Be(Pounds(1_000));

        // The same outcome is never paid twice for the same person.
        var second = await w.DraftWithEvidenceAsync(Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 5, 1));
        Refused(await w.Outcomes.SubmitAsync(AreaCode, second.Reference, new LocalDate(2026, 8, 20)), BudgetErrorCode.OutcomeAlreadyPaid);
        await VerifiedAsync(db);
    }

    [Fact]
    public async Task Rejection_WithAReason_PaysNothing_R20()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10)));
        var draft = await w.DraftWithEvidenceAsync(Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20));
        Ok(await w.Outcomes.SubmitAsync(AreaCode, draft.Reference, new LocalDate(2026, 8, 10)));
        Refused(await w.Outcomes.RejectAsync(AreaCode, draft.Reference, " "), BudgetErrorCode.InvalidRequest);
        var rejected = Ok(await w.Outcomes.RejectAsync(AreaCode, draft.Reference, "Attendance record covers the wrong term"));
        rejected.Status.Should().Be(ClaimStatus.Rejected);
        rejected.Reason.Should().Be("Attendance record covers the wrong term");
        (await w.OwedAsync()).Should().BeEmpty();
        await VerifiedAsync(db);
    }

    // ---- Bad input: a clear error with a stable code, and nothing written ----

    public static TheoryData<string, BudgetErrorCode> BadClaims => new()
    {
        { "not enrolled", BudgetErrorCode.NotEnrolled },
        { "unknown outcome", BudgetErrorCode.UnknownOutcome },
        { "outcome not on the card", BudgetErrorCode.OutcomeNotOnCard },
        { "achieved before enrolment", BudgetErrorCode.InvalidDates },
        { "without required evidence", BudgetErrorCode.EvidenceMissing },
        { "too young for the outcome", BudgetErrorCode.NotEligible },
        { "family member restarted the problem", BudgetErrorCode.WholeFamilyVoid },
        { "evidence of the wrong type", BudgetErrorCode.EvidenceTypeNotAllowed },
        { "evidence too large", BudgetErrorCode.EvidenceTooLarge },
        { "evidence named pdf but not a pdf", BudgetErrorCode.EvidenceTypeNotAllowed },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task BadClaim_GetsItsStableCode_AndNothingIsWritten_R14_R20_R21(string what, BudgetErrorCode code)
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        Ok(await w.EnrolAsync(If, Yp12, new LocalDate(2012, 9, 3), age: 12));
        var ready = await w.DraftWithEvidenceAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15));
        var bare = Ok(await w.Outcomes.DraftAsync(new DraftClaimRequest(AreaCode, Tf, Family, "TF-PROGRESS-WORK", null, new LocalDate(2013, 1, 7), "PROVIDER-USER", "bare")));
        var young = await w.DraftWithEvidenceAsync(If, Yp12, "IF-L1", new LocalDate(2012, 10, 1));
        Ok(await w.Outcomes.RecordRecurrenceAsync(AreaCode, Ben, "TF-CRIME-EDU", new LocalDate(2013, 1, 10), "New ASB incident"));
        var before = await w.SnapshotAsync();

        var draft = (string outcome, string subject, LocalDate achieved) =>
            w.Outcomes.DraftAsync(new DraftClaimRequest(AreaCode, Tf, subject, outcome, null, achieved, "PROVIDER-USER", $"bad:{what}"));
        var evidence = (string file, byte[] content) =>
            w.Outcomes.AttachEvidenceAsync(new EvidenceRequest(AreaCode, bare.Reference, "Work Programme referral", EvidencePurpose.Outcome, file, content, "PROVIDER-USER"));
        BudgetError? error = what switch
        {
            "not enrolled" => (await draft("TF-CRIME-EDU", Amy, new LocalDate(2012, 7, 1))).Error,
            "unknown outcome" => (await draft("TF-NOTHING", Family, new LocalDate(2012, 7, 1))).Error,
            "outcome not on the card" => (await draft("IF-L1", Family, new LocalDate(2012, 7, 1))).Error,
            "achieved before enrolment" => (await draft("TF-CRIME-EDU", Family, new LocalDate(2012, 5, 1))).Error,
            "without required evidence" => (await w.Outcomes.SubmitAsync(AreaCode, bare.Reference, new LocalDate(2013, 2, 1))).Error,
            "too young for the outcome" => (await w.Outcomes.SubmitAsync(AreaCode, young.Reference, new LocalDate(2012, 11, 1))).Error,
            "family member restarted the problem" => (await w.Outcomes.SubmitAsync(AreaCode, ready.Reference, new LocalDate(2013, 1, 21))).Error,
            "evidence of the wrong type" => (await evidence("referral.exe", [0x4D, 0x5A, 0x90])).Error,
            "evidence too large" => (await evidence("referral.pdf", [.. Pdf("x"), .. new byte[11 * 1024 * 1024]])).Error,
            "evidence named pdf but not a pdf" => (await evidence("referral.pdf", "<html>not a pdf</html>"u8.ToArray())).Error,
            _ => throw new InvalidOperationException(what),
        };

        error.Should().NotBeNull(what);
        error!.Code.Should().Be(code, error.Message);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
    }

    public static TheoryData<string, string, BudgetErrorCode> BadCards => new()
    {
        { "shares do not add up", "\"percent\": 20, \"cap\": null }, { \"stream\": \"CSC-2026\", \"percent\": 70", BudgetErrorCode.InvalidRateCard },
        { "negative tariff", "\"amount\": \"-500.00\"", BudgetErrorCode.InvalidRateCard },
        { "weights below zero", "\"perRiskFactor\": -0.05", BudgetErrorCode.InvalidRateCard },
        { "overlapping dates", "\"version\": 2", BudgetErrorCode.RateCardOverlap },
        { "unknown outcome", "\"outcome\": \"EH-UNHEARD-OF\"", BudgetErrorCode.UnknownOutcome },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task BadRateCard_IsRefusedWithItsCode_AndNothingIsWritten_R15_R16_R19(string what, string change, BudgetErrorCode code)
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        var json = what switch
        {
            "shares do not add up" => DevonCard.Replace("\"percent\": 20, \"cap\": null }, { \"stream\": \"CSC-2026\", \"percent\": 80", change, StringComparison.Ordinal),
            "negative tariff" => DevonCard.Replace("\"amount\": \"500.00\"", change, StringComparison.Ordinal),
            "weights below zero" => DevonCard.Replace("\"perRiskFactor\": 0.05", change, StringComparison.Ordinal),
            "overlapping dates" => DevonCard.Replace("\"version\": 1", change, StringComparison.Ordinal),
            "unknown outcome" => DevonCard.Replace("\"outcome\": \"EH-SALT-TARGET\"", change, StringComparison.Ordinal),
            _ => throw new InvalidOperationException(what),
        };
        json.Should().NotBe(DevonCard, "the change must apply");
        var before = await w.SnapshotAsync();
        Refused(await w.Outcomes.ImportRateCardAsync(json), code);
        (await w.SnapshotAsync()).Should().BeEquivalentTo(before);
        Ok(await w.Outcomes.ImportRateCardAsync(DevonCard)).Version.Should().Be(1, "importing the same card again changes nothing");
    }

    // ---- Assurance (R21) ----

    [Fact]
    public async Task Sample_SameSeedSameClaims_ThresholdAndErrorRateExtrapolatedLineByLine_R21()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        var refs = new List<string>();
        foreach (var (subject, age) in new[] { (Yp16, 16), ("YP-A", 15), ("YP-B", 17), ("YP-C", 18) })
        {
            if (subject != Yp16)
            {
                Ok(await w.Budgets.People.AddChildAsync(AreaCode, subject, "Young Person", new LocalDate(1995, 1, 1)));
            }

            Ok(await w.EnrolAsync(If, subject, new LocalDate(2012, 9, 3), age: age));
            refs.Add((await w.ClaimThroughAsync(If, subject, "IF-L1", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1))).Reference);
            refs.Add((await w.ClaimThroughAsync(If, subject, "IF-ATTITUDE", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1))).Reference);
        }

        var rules = new SampleRules(40, 7, Pounds(1_000), null, null);
        var first = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2012, 11, 1), new LocalDate(2012, 11, 30), rules, Auditor));
        var again = Ok(await w.Assurance.DrawAsync(AreaCode, new LocalDate(2012, 11, 1), new LocalDate(2012, 11, 30), rules, Auditor));
        again.Checks.Select(c => c.Claim.Claim.Reference).Should().Equal(first.Checks.Select(c => c.Claim.Claim.Reference), "the seed is recorded and repeats the draw");
        first.Sample.Seed.Should().Be(7);
        // Every £1,100 L1 claim is at or above the £1,000 threshold.
        first.Checks.Where(c => c.Claim.Claim.Outcome == "IF-L1").Should().HaveCount(4).And.OnlyContain(c => c.Check.Reasons.Contains("at or above"));

        // One L1 claim (£1,100) found invalid; the others checked valid: the rate applies to every unsampled claim of the provider.
        var checks = first.Checks;
        Ok(await w.Assurance.RecordFindingAsync(AreaCode, first.Sample.Reference, checks[0].Claim.Claim.Reference, SpotCheckFinding.Invalid, "No certificate", Auditor));
        foreach (var c in checks.Skip(1))
        {
            Ok(await w.Assurance.RecordFindingAsync(AreaCode, first.Sample.Reference, c.Claim.Claim.Reference, SpotCheckFinding.Valid, null, Auditor));
        }

        var extrapolation = Ok(await w.Assurance.ExtrapolateAsync(AreaCode, first.Sample.Reference, OutcomesWorld.Provider));
        var checkedValue = checks.Sum(c => c.Claim.Claim.Amount);
        extrapolation.Checked.Pence.Should().Be(checkedValue);
        extrapolation.Invalid.Should().Be(Money.FromPence(checks[0].Claim.Claim.Amount));
        extrapolation.Lines.Should().HaveCount(8 - checks.Count);
        extrapolation.Lines.Should().AllSatisfy(l => l.Recovery.Pence.Should().Be((long)decimal.Round(l.Amount.Pence * extrapolation.Rate, MidpointRounding.AwayFromZero)));
        await VerifiedAsync(db);
    }

    [Fact]
    public async Task SpotCheckBundle_ShowsEligibilityEvidenceAndWorking_R21()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(If, Yp16, new LocalDate(2012, 9, 3), age: 16));
        var claim = await w.ClaimThroughAsync(If, Yp16, "IF-L2", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1));
        var bundle = Ok(await w.Assurance.BundleAsync(AreaCode, claim.Reference));
        bundle.Eligibility.Should().Contain(l => l.Contains("Age at enrolment: 16")).And.Contain(l => l.Contains("14–24 at enrolment: met"));
        bundle.View.Evidence.Should().ContainSingle().Which.Sha256.Should().HaveLength(64);
        bundle.View.Claim.Working.Should().Contain("Outcome IF-L2 on card IF-R1 v1: £3,300.00");
        var stored = await db.Services.GetRequiredService<IEvidenceFiles>().ReadAsync(bundle.View.Evidence[0].Sha256, CancellationToken.None);
        stored.Should().Equal(Pdf($"{claim.Reference} certificate"));
    }

    // ---- Social value (R22) and INDIGO export ----

    [Fact]
    public async Task SocialValue_PerOutcomePaid_KeepsCostAvoidanceApartFromCashableSavings_R22()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        Ok(await w.EnrolAsync(Eh, Amy, new LocalDate(2026, 4, 10), age: 10));
        await w.ClaimThroughAsync(Eh, Amy, "EH-SALT-TARGET", new LocalDate(2026, 4, 20), new LocalDate(2026, 5, 1));

        var lines = Ok(await w.Reports.SocialValueAsync(AreaCode));
        lines.Select(l => (l.Outcome, l.Paid, l.CostAvoided, l.Agency, l.Cashable)).Should().BeEquivalentTo(
        [
            ("EH-SALT-TARGET", Pounds(500), Pounds(900), "WMICB", true),
            ("TF-CRIME-EDU", Pounds(700), Pounds(4_500), "POLICE", false),
        ]);
    }

    [Fact]
    public async Task IndigoExport_FromTheLedger_PlannedAndActualPaymentsByQuarter()
    {
        await using var db = await NewDatabaseAsync();
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(Tf, Family, Enrolled2012));
        await w.ClaimThroughAsync(Tf, Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15), new LocalDate(2013, 1, 21));
        Ok(await w.PaymentRuns.RunAsync(AreaCode, new LocalDate(2013, 1, 31)));

        var json = Ok(await w.Reports.IndigoAsync(AreaCode, "INDIGO-POJ-9999"));
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        json.Should().Contain("outcome_pricings").And.Contain("outcome_payments").And.Contain("TF-CRIME-EDU");
        doc.RootElement.ToString().Should().Contain("2013-01-01");
    }
}

public sealed class SqliteOutcomeTests : OutcomeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlOutcomeTests : OutcomeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public sealed class SqlServerOutcomeTests : OutcomeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
