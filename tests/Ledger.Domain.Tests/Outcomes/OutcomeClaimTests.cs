using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using NodaTime;

namespace Ledger.Domain.Tests.Outcomes;

/// <summary>
/// Contracts, enrolments and the claim lifecycle (R15, R16, R20, R21) with no database: draft, submit, sign-off,
/// approval with separation of duties, rejection, approval refused by the ledger, clawback, and the attachment fee.
/// </summary>
public sealed class OutcomeClaimTests
{
    private const string CrimeEdu = "TF-CRIME-EDU";
    private const string Employment = "TF-EMPLOYMENT";
    private const string Provider = "provider.keyworker";
    private const string Auditor = "audit.smith";
    private const string Holder = "budget.holder";

    private static readonly Instant Now = Instant.FromUtc(2013, 3, 25, 9, 0);
    private static readonly LocalDate ContractStarts = new(2012, 4, 1);
    private static readonly LocalDate ContractEnds = new(2015, 3, 31);
    private static readonly LocalDate EnrolledOn = new(2012, 6, 1);
    private static readonly LocalDate Achieved = new(2012, 11, 30);
    private static readonly LocalDate ClaimedOn = new(2013, 3, 25);
    private static readonly LocalDate ApprovedOn = new(2013, 3, 28);

    private static Money Pounds(decimal p) => Money.FromPounds(p);

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    private static RateCard Card() => new("TF-2012-Y1", 1, "TF-2012", 1, ContractStarts, null, Pounds(3_200), Money.Zero,
        [new OutcomeTariff(CrimeEdu, Pounds(700)), new OutcomeTariff(Employment, Pounds(800))],
        [new SustainmentTariff(Employment, Pounds(200), 13, 2)],
        DifficultyWeights.None, Pounds(4_000), null, StackingRule.Capped, new ClaimWindow(15, 90, ContractEnds), [new CoPayerShare("DCLG-TF", 100)]);

    private static OutcomeContract Contract(LocalDate? endsOn = null) =>
        OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "Troubled Families 2012", ProviderId.New(), PoolId.New(), ContractStarts,
            endsOn ?? ContractEnds, Now).Value!;

    private static Enrolment Enrol() =>
        Enrolment.Create(EnrolmentId.New(), Contract(), SubjectId.New(), Card(), EnrolledOn, 14, DifficultyFactors.None, "enrol-1", Now).Value!;

    private static TariffQuote Quote(decimal alreadyPaid = 3_200, string outcome = CrimeEdu) =>
        Tariff.Quote(Card(), PaymentKind.Outcome, outcome, DifficultyFactors.None, PaymentHistory.None with { ForParticipant = Pounds(alreadyPaid) }).Value!;

    private static OutcomeClaim Draft(string createdBy = Provider) =>
        OutcomeClaim.Draft(OutcomeClaimId.New(), Enrol(), ProviderId.New(), PaymentKind.Outcome, CrimeEdu, null, Achieved, createdBy, "claim-1", Now).Value!;

    private static OutcomeClaim Validated()
    {
        var claim = Draft();
        claim.Submit(ClaimedOn, Quote(), Now.Plus(Duration.FromMinutes(1))).Should().BeNull();
        return claim;
    }

    private static OutcomeClaim SignedOff()
    {
        var claim = Validated();
        claim.SignOff(Auditor, Now.Plus(Duration.FromMinutes(2))).Should().BeNull();
        return claim;
    }

    private static OutcomeClaim Approved()
    {
        var claim = SignedOff();
        claim.Approve(Holder, ApprovedOn, Quote(), Now.Plus(Duration.FromMinutes(3))).Should().BeNull();
        return claim;
    }

    private static OutcomeClaim Owed()
    {
        var claim = Approved();
        claim.Owed(JournalEntryId.New(), Now.Plus(Duration.FromMinutes(4)));
        return claim;
    }

    private static OutcomeClaim InState(ClaimStatus status)
    {
        switch (status)
        {
            case ClaimStatus.Draft:
                return Draft();
            case ClaimStatus.Validated:
                return Validated();
            case ClaimStatus.SignedOff:
                return SignedOff();
            case ClaimStatus.Approved:
                return Owed();
            case ClaimStatus.Rejected:
                var rejected = Draft();
                rejected.Reject("Duplicate of another claim", Now).Should().BeNull();
                return rejected;
            case ClaimStatus.ClawbackPending:
                var pending = Owed();
                pending.FoundInvalid("School record does not match", Now).Should().BeNull();
                return pending;
            case ClaimStatus.ClawedBack:
                var recovered = InState(ClaimStatus.ClawbackPending);
                recovered.Recovered(JournalEntryId.New(), PaymentRunId.New(), Now).Should().BeNull();
                return recovered;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Paid is set by the payment run's store, not by the domain.");
        }
    }

    // ---- Contracts (R15) ----

    [Fact]
    public void Contract_Create_KeepsItsCodeTrimmedNameAndDates_R15()
    {
        var contract = OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "  Troubled Families 2012 ", ProviderId.New(), PoolId.New(),
            ContractStarts, ContractEnds, Now).Value!;
        contract.Code.Should().Be("TF-2012");
        contract.Name.Should().Be("Troubled Families 2012");
        contract.StartsOn.Should().Be(ContractStarts);
        contract.EndsOn.Should().Be(ContractEnds);
        contract.Version.Should().Be(0);
        contract.Touch();
        contract.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("", "Troubled Families")]
    [InlineData("TF 2012", "Troubled Families")]
    [InlineData("TF/2012", "Troubled Families")]
    [InlineData("TF-2012", " ")]
    [InlineData("TF-2012", null)] // a 201-character name
    public void Contract_Create_WithABadCodeOrName_IsRefused_R15(string code, string? name) =>
        OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), code, name ?? new string('n', 201), ProviderId.New(), PoolId.New(), ContractStarts, null, Now)
            .Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);

    [Fact]
    public void Contract_Create_EndingBeforeItStarts_IsRefused_ButMayEndTheDayItStarts_R15()
    {
        var error = OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "Troubled Families", ProviderId.New(), PoolId.New(), ContractStarts,
            D(2012, 3, 31), Now).Error!;
        error.Code.Should().Be(BudgetErrorCode.InvalidDates);
        error.Message.Should().Be("Contract TF-2012 cannot end before it starts.");
        OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "Troubled Families", ProviderId.New(), PoolId.New(), ContractStarts,
            ContractStarts, Now).Value!.EndsOn.Should().Be(ContractStarts);
    }

    [Theory]
    [InlineData(2012, 3, 31, false)]
    [InlineData(2012, 4, 1, true)]
    [InlineData(2013, 9, 30, true)]
    [InlineData(2015, 3, 31, true)]
    [InlineData(2015, 4, 1, false)]
    public void Contract_Enrols_FromItsStartToItsEnd_BothIncluded_R15(int year, int month, int day, bool enrols) =>
        Contract().Enrols(D(year, month, day)).Should().Be(enrols);

    [Theory]
    [InlineData(2012, 3, 31, false)]
    [InlineData(2012, 4, 1, true)]
    [InlineData(2035, 12, 31, true)]
    public void Contract_WithNoEnd_EnrolsFromItsStartOnwards_R15(int year, int month, int day, bool enrols) =>
        OutcomeContract.Create(OutcomeContractId.New(), AreaId.New(), "TF-2012", "Troubled Families", ProviderId.New(), PoolId.New(), ContractStarts, null, Now)
            .Value!.Enrols(D(year, month, day)).Should().Be(enrols);

    // ---- Enrolments (R15, R16) ----

    [Fact]
    public void Enrolment_Create_FixesTheCardCohortAgeAndFactors_R15_R16()
    {
        var contract = Contract();
        var subject = SubjectId.New();
        var factors = new DifficultyFactors(2, 3, 1, 4);
        var enrolment = Enrolment.Create(EnrolmentId.New(), contract, subject, Card() with { Version = 3, Cohort = 2 }, EnrolledOn, 14, factors, "enrol-1", Now).Value!;
        enrolment.Area.Should().Be(contract.Area);
        enrolment.Contract.Should().Be(contract.Id);
        enrolment.Subject.Should().Be(subject);
        enrolment.Card.Should().Be("TF-2012-Y1");
        enrolment.CardVersion.Should().Be(3);
        enrolment.Cohort.Should().Be(2);
        enrolment.EnrolledOn.Should().Be(EnrolledOn);
        enrolment.AgeAtEnrolment.Should().Be(14);
        enrolment.Factors.Should().Be(factors);
        enrolment.IdempotencyKey.Should().Be("enrol-1");
    }

    [Theory]
    [InlineData(0, 0, 3, 0, 0)]
    [InlineData(0, 0, 0, 0, 25)]
    [InlineData(18, 9, 2, 7, null)]
    public void Enrolment_Create_WithFactorsAndAgeInRange_IsAccepted_R16(int yearsInCare, int risks, int disability, int exclusions, int? age) =>
        Enrolment.Create(EnrolmentId.New(), Contract(), SubjectId.New(), Card(), EnrolledOn, age, new DifficultyFactors(yearsInCare, risks, disability, exclusions),
            "k", Now).Value!.AgeAtEnrolment.Should().Be(age);

    [Theory]
    [InlineData(-1, 0, 0, 0, 10)]
    [InlineData(0, -1, 0, 0, 10)]
    [InlineData(0, 0, -1, 0, 10)]
    [InlineData(0, 0, 4, 0, 10)]
    [InlineData(0, 0, 0, -1, 10)]
    [InlineData(0, 0, 0, 0, -1)]
    [InlineData(0, 0, 0, 0, 26)]
    public void Enrolment_Create_WithBadFactorsOrAge_IsRefused_R16(int yearsInCare, int risks, int disability, int exclusions, int? age)
    {
        var error = Enrolment.Create(EnrolmentId.New(), Contract(), SubjectId.New(), Card(), EnrolledOn, age,
            new DifficultyFactors(yearsInCare, risks, disability, exclusions), "k", Now).Error!;
        error.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        error.Message.Should().Be("Difficulty factors cannot be negative, disability severity is 0–3 and an age is 0–25.");
    }

    [Theory]
    [InlineData(2012, 3, 31)]
    [InlineData(2015, 4, 1)]
    public void Enrolment_Create_OutsideTheContractsDates_IsRefused_R15(int year, int month, int day)
    {
        var error = Enrolment.Create(EnrolmentId.New(), Contract(), SubjectId.New(), Card(), D(year, month, day), 14, DifficultyFactors.None, "k", Now).Error!;
        error.Code.Should().Be(BudgetErrorCode.InvalidDates);
        error.Message.Should().Be($"Contract TF-2012 does not enrol on {year:D4}-{month:D2}-{day:D2}.");
    }

    // ---- Draft (R20) ----

    [Fact]
    public void Draft_StartsADraftThatIsNotYetInFlight_R20()
    {
        var enrolment = Enrol();
        var id = OutcomeClaimId.New();
        var claim = OutcomeClaim.Draft(id, enrolment, ProviderId.New(), PaymentKind.Sustainment, Employment, 2, Achieved, "  provider.keyworker ", "claim-1", Now).Value!;
        claim.Status.Should().Be(ClaimStatus.Draft);
        claim.Reference.Should().Be("CLM-" + id.Value.ToString("N")[^10..].ToUpperInvariant());
        claim.Reference.Should().HaveLength(14);
        claim.Kind.Should().Be(PaymentKind.Sustainment);
        claim.Outcome.Should().Be(Employment);
        claim.Sustainment.Should().Be(2);
        claim.AchievedOn.Should().Be(Achieved);
        claim.ClaimedOn.Should().BeNull();
        claim.CreatedBy.Should().Be(Provider);
        claim.Contract.Should().Be(enrolment.Contract);
        claim.Enrolment.Should().Be(enrolment.Id);
        claim.Subject.Should().Be(enrolment.Subject);
        claim.Amount.Should().Be(0);
        claim.Version.Should().Be(0);
        claim.InFlight.Should().BeFalse("a draft does not count against caps");
        claim.CountsAsPaid.Should().BeFalse();
    }

    [Theory]
    [InlineData(PaymentKind.Attachment, CrimeEdu, null, Provider)]
    [InlineData((PaymentKind)9, CrimeEdu, null, Provider)]
    [InlineData(PaymentKind.Outcome, "", null, Provider)]
    [InlineData(PaymentKind.Outcome, "TF CRIME", null, Provider)]
    [InlineData(PaymentKind.Outcome, CrimeEdu, null, " ")]
    [InlineData(PaymentKind.Outcome, CrimeEdu, 1, Provider)]     // an outcome claim has no sustainment number
    [InlineData(PaymentKind.Sustainment, Employment, null, Provider)] // a sustainment says which payment it is
    [InlineData(PaymentKind.Sustainment, Employment, 0, Provider)]
    public void Draft_WithoutAnOutcomeKindOrCreator_IsRefused_R20(PaymentKind kind, string outcome, int? sustainment, string createdBy) =>
        OutcomeClaim.Draft(OutcomeClaimId.New(), Enrol(), ProviderId.New(), kind, outcome, sustainment, Achieved, createdBy, "k", Now).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest);

    [Fact]
    public void Draft_CreatorNameOverOneHundredCharacters_IsRefused_R20() =>
        OutcomeClaim.Draft(OutcomeClaimId.New(), Enrol(), ProviderId.New(), PaymentKind.Outcome, CrimeEdu, null, Achieved, new string('p', 101), "k", Now).Error!.Code
            .Should().Be(BudgetErrorCode.InvalidRequest);

    [Fact]
    public void Draft_OutcomeAchievedBeforeEnrolment_IsRefused_R20()
    {
        var error = OutcomeClaim.Draft(OutcomeClaimId.New(), Enrol(), ProviderId.New(), PaymentKind.Outcome, CrimeEdu, null, D(2012, 5, 31), Provider, "k", Now).Error!;
        error.Code.Should().Be(BudgetErrorCode.InvalidDates);
        error.Message.Should().Be("The outcome cannot be achieved (2012-05-31) before enrolment (2012-06-01).");
    }

    // ---- Submit (R20) ----

    [Fact]
    public void Submit_ADraft_IsValidatedAtTheQuotedAmountWithItsWorking_R20()
    {
        var claim = Draft();
        var at = Now.Plus(Duration.FromMinutes(1));
        claim.Submit(ClaimedOn, Quote(3_900), at).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.Validated);
        claim.ClaimedOn.Should().Be(ClaimedOn);
        claim.Amount.Should().Be(10_000, "£700 cut to the £100 left under the £4,000 cap");
        claim.Working.Should().Be("Outcome TF-CRIME-EDU on card TF-2012-Y1 v1: £700.00\nDifficulty weight 1 (no factors weighted)\n"
            + "The per-participant cap of £4,000.00 with £3,900.00 already paid leaves £100.00: £700.00 is cut to £100.00\nDCLG-TF pays 100%: £100.00");
        claim.Version.Should().Be(1);
        claim.UpdatedAt.Should().Be(at);
        claim.InFlight.Should().BeTrue("a validated claim counts against caps");
        claim.CountsAsPaid.Should().BeFalse();
    }

    [Theory]
    [InlineData(ClaimStatus.Validated)]
    [InlineData(ClaimStatus.SignedOff)]
    [InlineData(ClaimStatus.Approved)]
    [InlineData(ClaimStatus.Rejected)]
    public void Submit_AClaimThatIsNotADraft_IsRefused_R20(ClaimStatus status)
    {
        var claim = InState(status);
        var error = claim.Submit(ClaimedOn, Quote(), Now)!;
        error.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        error.Message.Should().Be($"Claim {claim.Reference} is {status}; only a draft claim can be submitted.");
        claim.Status.Should().Be(status);
    }

    // ---- Sign-off (R20) ----

    [Fact]
    public void SignOff_AValidatedClaim_RecordsTheAuditor_R20()
    {
        var claim = Validated();
        claim.SignOff("  audit.smith ", Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.SignedOff);
        claim.SignedOffBy.Should().Be(Auditor);
        claim.Version.Should().Be(2);
    }

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.SignedOff)]
    [InlineData(ClaimStatus.Approved)]
    [InlineData(ClaimStatus.Rejected)]
    public void SignOff_AClaimThatIsNotValidated_IsRefused_R20(ClaimStatus status) =>
        InState(status).SignOff(Auditor, Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)] // 101 characters
    public void SignOff_WithoutSayingWhoOrWithAnOverlongName_IsRefused_R20(string? by)
    {
        var claim = Validated();
        claim.SignOff(by ?? new string('a', 101), Now)!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        claim.Status.Should().Be(ClaimStatus.Validated);
    }

    [Fact]
    public void SignOff_ByTheClaimsCreator_IsRefused_SeparationOfDuties_R20()
    {
        var claim = Validated();
        claim.SignOff(Provider, Now)!.Code.Should().Be(BudgetErrorCode.SelfApproval);
        claim.Status.Should().Be(ClaimStatus.Validated);
    }

    // ---- Approval and separation of duties (R20) ----

    [Fact]
    public void Approve_ASignedOffClaim_ByAThirdPerson_IsOwedAtTheAmountPricedNow_R17_R20()
    {
        var claim = SignedOff();
        claim.Approve("  budget.holder ", ApprovedOn, Quote(3_900), Now).Should().BeNull("another claim has used the cap since validation");
        claim.Status.Should().Be(ClaimStatus.Approved);
        claim.ApprovedBy.Should().Be(Holder);
        claim.ApprovedOn.Should().Be(ApprovedOn);
        claim.Amount.Should().Be(10_000);
        claim.Working.Should().EndWith("DCLG-TF pays 100%: £100.00");
        claim.Version.Should().Be(3);
        claim.CountsAsPaid.Should().BeTrue();
        claim.InFlight.Should().BeTrue();
        claim.PayableEntry.Should().BeNull();
    }

    [Theory]
    [InlineData(Auditor)]
    [InlineData("AUDIT.SMITH")]
    [InlineData(" audit.smith  ")]
    [InlineData(Provider)]
    [InlineData("Provider.KeyWorker")]
    public void Approve_ByItsCreatorOrItsAuditor_IsRefused_SeparationOfDuties_R20(string by)
    {
        var claim = SignedOff();
        var error = claim.Approve(by, ApprovedOn, Quote(), Now)!;
        error.Code.Should().Be(BudgetErrorCode.SelfApproval);
        error.Message.Should().Be("A claim is approved by someone other than its creator and the auditor who signed it off.");
        claim.Status.Should().Be(ClaimStatus.SignedOff);
        claim.ApprovedBy.Should().BeNull();
    }

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.Validated)]
    [InlineData(ClaimStatus.Approved)]
    [InlineData(ClaimStatus.Rejected)]
    [InlineData(ClaimStatus.ClawbackPending)]
    public void Approve_AClaimNotSignedOffByInternalAudit_IsRefused_R20(ClaimStatus status)
    {
        var claim = InState(status);
        var error = claim.Approve(Holder, ApprovedOn, Quote(), Now)!;
        error.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        error.Message.Should().StartWith($"Claim {claim.Reference} is {status};");
    }

    [Fact]
    public void Approve_DatedBeforeTheClaimWasSubmitted_IsRefused_ButTheSameDayIsAccepted_R20()
    {
        var claim = SignedOff();
        claim.Approve(Holder, D(2013, 3, 24), Quote(), Now)!.Code.Should().Be(BudgetErrorCode.InvalidDates);
        claim.Approve(Holder, ClaimedOn, Quote(), Now).Should().BeNull();
        claim.ApprovedOn.Should().Be(ClaimedOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Approve_ByNobody_IsRefusedAsABadRequest_R20(string by)
    {
        var claim = SignedOff();
        claim.Approve(by, ApprovedOn, Quote(), Now)!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        claim.Status.Should().Be(ClaimStatus.SignedOff);
    }

    [Fact]
    public void Approve_ApproverNameOverOneHundredCharacters_IsRefused_R20()
    {
        var claim = SignedOff();
        claim.Approve(new string('h', 101), ApprovedOn, Quote(), Now)!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        claim.Status.Should().Be(ClaimStatus.SignedOff);
    }

    [Fact]
    public void Owed_RecordsTheLedgerEntryThatMadeThePaymentOwed_R20()
    {
        var claim = Approved();
        var entry = JournalEntryId.New();
        claim.Owed(entry, Now.Plus(Duration.FromMinutes(9)));
        claim.PayableEntry.Should().Be(entry);
        claim.Version.Should().Be(4);
        claim.UpdatedAt.Should().Be(Now.Plus(Duration.FromMinutes(9)));
    }

    // ---- Approval refused by the ledger ----

    [Fact]
    public void ApprovalRefused_ForAnOutcomeClaim_ReturnsItToSignedOffWithTheReason_AndItCanBeApprovedAgain_R20()
    {
        var claim = Approved();
        claim.ApprovalRefused("The pool cannot pay £700.00", Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.SignedOff);
        claim.ApprovedBy.Should().BeNull();
        claim.ApprovedOn.Should().BeNull();
        claim.Reason.Should().Be("The pool cannot pay £700.00");
        claim.SignedOffBy.Should().Be(Auditor);
        claim.CountsAsPaid.Should().BeFalse();
        claim.Approve(Holder, ApprovedOn, Quote(), Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.Approved);
    }

    [Fact]
    public void ApprovalRefused_ForAnAttachmentFee_RejectsIt_R15()
    {
        var fee = OutcomeClaim.Attachment(OutcomeClaimId.New(), Enrol(), ProviderId.New(), AttachmentQuote(), "system", "fee-1", Now);
        fee.ApprovalRefused("The pool cannot pay £3,200.00", Now).Should().BeNull();
        fee.Status.Should().Be(ClaimStatus.Rejected);
        fee.Reason.Should().Be("The pool cannot pay £3,200.00");
        fee.InFlight.Should().BeFalse();
    }

    [Fact]
    public void ApprovalRefused_KeepsAtMostFiveHundredCharactersOfTheReason_R20()
    {
        var claim = Approved();
        claim.ApprovalRefused(new string('r', 600), Now).Should().BeNull();
        claim.Reason.Should().Be(new string('r', 500));
    }

    [Fact]
    public void ApprovalRefused_AfterTheLedgerEntryWasPosted_IsRefused_R20()
    {
        var claim = Owed();
        claim.ApprovalRefused("late", Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        claim.Status.Should().Be(ClaimStatus.Approved);
        claim.ApprovedBy.Should().Be(Holder);
    }

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.Validated)]
    [InlineData(ClaimStatus.SignedOff)]
    [InlineData(ClaimStatus.Rejected)]
    public void ApprovalRefused_ForAClaimNotApproved_IsRefused_R20(ClaimStatus status) =>
        InState(status).ApprovalRefused("pool empty", Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);

    // ---- Reject (R20) ----

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.Validated)]
    [InlineData(ClaimStatus.SignedOff)]
    public void Reject_AClaimNotYetApproved_WithAReason_IsRejectedAndNeverPaid_R20(ClaimStatus status)
    {
        var claim = InState(status);
        claim.Reject("  Attendance record is for another school year ", Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.Rejected);
        claim.Reason.Should().Be("Attendance record is for another school year");
        claim.InFlight.Should().BeFalse();
        claim.CountsAsPaid.Should().BeFalse();
    }

    [Theory]
    [InlineData(ClaimStatus.Approved)]
    [InlineData(ClaimStatus.Rejected)]
    [InlineData(ClaimStatus.ClawbackPending)]
    [InlineData(ClaimStatus.ClawedBack)]
    public void Reject_AClaimAlreadyApprovedOrClosed_IsRefused_R20(ClaimStatus status)
    {
        var claim = InState(status);
        claim.Reject("Too late", Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        claim.Status.Should().Be(status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)] // 501 characters
    public void Reject_WithoutAReasonOrWithAnOverlongOne_IsRefused_R20(string? reason)
    {
        var claim = Validated();
        var error = claim.Reject(reason ?? new string('r', 501), Now)!;
        error.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        error.Message.Should().Be("Give a reason of up to 500 characters.");
        claim.Status.Should().Be(ClaimStatus.Validated);
    }

    [Fact]
    public void Reject_WithAFiveHundredCharacterReason_IsAccepted_R20()
    {
        var claim = Validated();
        claim.Reject(new string('r', 500), Now).Should().BeNull();
        claim.Reason.Should().HaveLength(500);
    }

    // ---- Found invalid and recovered: clawback (R21, worked example 9) ----

    [Fact]
    public void Example9_PaidSevenHundredPoundClaim_FoundInvalid_IsRecoveredByAReversingEntry_R21()
    {
        var claim = Owed();
        claim.Amount.Should().Be(70_000);
        claim.FoundInvalid("  No police record for the period ", Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.ClawbackPending);
        claim.Reason.Should().Be("No police record for the period");
        claim.CountsAsPaid.Should().BeFalse("a claim found invalid no longer uses the caps");
        claim.InFlight.Should().BeFalse();

        var reversal = JournalEntryId.New();
        var run = PaymentRunId.New();
        claim.Recovered(reversal, run, Now.Plus(Duration.FromDays(7))).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.ClawedBack);
        claim.ClawbackEntry.Should().Be(reversal);
        claim.ClawbackRun.Should().Be(run);
        claim.Amount.Should().Be(70_000, "the amount recovered is the amount that was owed");
    }

    [Fact]
    public void Recovered_WithoutAPaymentRun_WhenTheClaimHadNotBeenPaid_R21()
    {
        var claim = InState(ClaimStatus.ClawbackPending);
        claim.Recovered(JournalEntryId.New(), null, Now).Should().BeNull();
        claim.Status.Should().Be(ClaimStatus.ClawedBack);
        claim.ClawbackRun.Should().BeNull();
    }

    [Fact]
    public void FoundInvalid_AnApprovedClaimWithNoLedgerEntryYet_IsRefused_R21() =>
        Approved().FoundInvalid("Evidence forged", Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.Validated)]
    [InlineData(ClaimStatus.SignedOff)]
    [InlineData(ClaimStatus.Rejected)]
    [InlineData(ClaimStatus.ClawbackPending)]
    [InlineData(ClaimStatus.ClawedBack)]
    public void FoundInvalid_AClaimNeverOwed_OrAlreadyClawedBack_IsRefused_R21(ClaimStatus status)
    {
        var claim = InState(status);
        var error = claim.FoundInvalid("Evidence forged", Now)!;
        error.Code.Should().Be(BudgetErrorCode.ClaimNotInState);
        error.Message.Should().StartWith($"Claim {claim.Reference} is {status};");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)] // 501 characters
    public void FoundInvalid_WithoutAFinding_IsRefused_R21(string? reason)
    {
        var claim = Owed();
        claim.FoundInvalid(reason ?? new string('r', 501), Now)!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        claim.Status.Should().Be(ClaimStatus.Approved);
    }

    [Theory]
    [InlineData(ClaimStatus.Draft)]
    [InlineData(ClaimStatus.Approved)]
    [InlineData(ClaimStatus.ClawedBack)]
    public void Recovered_AClaimNotWaitingForClawback_IsRefused_R21(ClaimStatus status) =>
        InState(status).Recovered(JournalEntryId.New(), PaymentRunId.New(), Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState);

    // ---- Attachment fee (R15) ----

    private static TariffQuote AttachmentQuote() => Tariff.Quote(Card(), PaymentKind.Attachment, null, DifficultyFactors.None, PaymentHistory.None).Value!;

    [Fact]
    public void Attachment_IsOwedAtOnceOnTheEnrolmentDate_WithNoClaimSteps_R15()
    {
        var enrolment = Enrol();
        var fee = OutcomeClaim.Attachment(OutcomeClaimId.New(), enrolment, ProviderId.New(), AttachmentQuote(), "system", "fee-1", Now);
        fee.Kind.Should().Be(PaymentKind.Attachment);
        fee.Status.Should().Be(ClaimStatus.Approved);
        fee.Outcome.Should().BeNull();
        fee.Sustainment.Should().BeNull();
        fee.AchievedOn.Should().Be(EnrolledOn);
        fee.ClaimedOn.Should().Be(EnrolledOn);
        fee.ApprovedOn.Should().Be(EnrolledOn);
        fee.ApprovedBy.Should().Be("system");
        fee.CreatedBy.Should().Be("system");
        fee.Amount.Should().Be(320_000);
        fee.Working.Should().Be("Attachment fee on card TF-2012-Y1 v1: £3,200.00\nDifficulty weight 1 (no factors weighted)\nDCLG-TF pays 100%: £3,200.00");
        fee.CountsAsPaid.Should().BeTrue();
        fee.Enrolment.Should().Be(enrolment.Id);
    }

    [Fact]
    public void Attachment_OnceOwed_CanBeClawedBack_R15_R21()
    {
        var fee = OutcomeClaim.Attachment(OutcomeClaimId.New(), Enrol(), ProviderId.New(), AttachmentQuote(), "system", "fee-1", Now);
        fee.FoundInvalid("Family not eligible", Now)!.Code.Should().Be(BudgetErrorCode.ClaimNotInState, "nothing is owed until the ledger entry is posted");
        fee.Owed(JournalEntryId.New(), Now);
        fee.FoundInvalid("Family not eligible", Now).Should().BeNull();
        fee.Status.Should().Be(ClaimStatus.ClawbackPending);
    }

    [Fact]
    public void Lifecycle_EachStepChangesTheVersion_SoAStepOnAnOldReadIsRefused_R20()
    {
        var claim = Draft();
        var versions = new List<int> { claim.Version };
        claim.Submit(ClaimedOn, Quote(), Now);
        versions.Add(claim.Version);
        claim.SignOff(Auditor, Now);
        versions.Add(claim.Version);
        claim.Approve(Holder, ApprovedOn, Quote(), Now);
        versions.Add(claim.Version);
        claim.Owed(JournalEntryId.New(), Now);
        versions.Add(claim.Version);
        claim.FoundInvalid("Invalid", Now);
        versions.Add(claim.Version);
        claim.Recovered(JournalEntryId.New(), null, Now);
        versions.Add(claim.Version);
        versions.Should().Equal(0, 1, 2, 3, 4, 5, 6);
        claim.Status.Should().Be(ClaimStatus.ClawedBack);
    }
}
