using Ledger.Application.Budgets;
using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Outcomes;
using Ledger.Domain.Purchasing;
using Ledger.Integration.Tests.Budgets;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests.Outcomes;

/// <summary>
/// The budgets world (<see cref="BudgetWorld"/>, area DEVON) plus, for payment by results:
/// <list type="bullet">
/// <item>the shipped outcome catalogue, the shipped Troubled-Families-style card (TF-2012, £3,200 + £700 + £100 to a £4,000 cap) and
/// Innovation-Fund-style card (IF-R1, £8,200 cap), and a 2026 card (DEVON-EH) with co-payers CSC-2026 80% / GRANT-2026 20% and weights;</item>
/// <item>2012/13 streams DCLG-TF and DWP-IF of £100,000 each in pool PBR-2012, and the 2026 pool EH-2026 of the budgets world;</item>
/// <item>provider PRV-FAMWORKS holding contracts TF-2012, IF-R1 (pool PBR-2012) and DEVON-EH (pool EH-2026);</item>
/// <item>family FAM-AB (Amy and Ben), and young people YP-16 (16 at enrolment) and YP-12 (12).</item>
/// </list>
/// </summary>
internal sealed class OutcomesWorld
{
    public const string Provider = "PRV-FAMWORKS";
    public const string Tf = "TF-2012";
    public const string If = "IF-R1";
    public const string Eh = "DEVON-EH";
    public const string Family = "FAM-AB";
    public const string Yp16 = "YP-16";
    public const string Yp12 = "YP-12";
    public const string Auditor = "AUDIT-01";
    public const string PbrPool = "PBR-2012";

    public const string DevonCard = """
        {
          "code": "DEVON-EH-2026", "version": 1, "contract": "DEVON-EH", "cohort": 2026,
          "effectiveFrom": "2026-04-01", "effectiveTo": "2027-03-31",
          "attachmentFee": "0.00", "deliveryFeeMonthly": "0.00",
          "outcomes": [
            { "outcome": "EH-ATTENDANCE", "amount": "1000.00", "firstOnly": true, "group": null },
            { "outcome": "EH-SALT-TARGET", "amount": "500.00", "firstOnly": true, "group": null }
          ],
          "sustainments": [ { "outcome": "EH-ATTENDANCE", "amount": "250.00", "everyWeeks": 13, "maxTimes": 2 } ],
          "weights": { "perYearInCare": 0.1, "perRiskFactor": 0.05, "perDisabilityLevel": 0.1, "perExclusion": 0.05, "maximum": 1.5 },
          "caps": { "perParticipant": "3000.00", "perContract": "60000.00" },
          "stacking": "capped",
          "claimWindow": { "earliestWorkingDays": 0, "deadlineDays": 90, "cutOff": "2027-06-30" },
          "coPayers": [ { "stream": "GRANT-2026", "percent": 20, "cap": null }, { "stream": "CSC-2026", "percent": 80, "cap": null } ]
        }
        """;

    private OutcomesWorld(BudgetWorld budgets) => Budgets = budgets;

    public BudgetWorld Budgets { get; }

    public TestDatabase Db => Budgets.Db;

    public OutcomeService Outcomes => Db.Services.GetRequiredService<OutcomeService>();

    public AssuranceService Assurance => Db.Services.GetRequiredService<AssuranceService>();

    public OutcomeReports Reports => Db.Services.GetRequiredService<OutcomeReports>();

    public PaymentRunService PaymentRuns => Db.Services.GetRequiredService<PaymentRunService>();

    public static async Task<OutcomesWorld> CreateAsync(TestDatabase db)
    {
        var budgets = await BudgetWorld.CreateAsync(db, contribute: true);
        var world = new OutcomesWorld(budgets);
        var y2012 = FinancialYear.StartingIn(2012);
        var f = budgets.Funding;
        Ok(await f.CreateStreamAsync(new StreamRequest(AreaCode, "COUNCIL", "DCLG-TF", "Troubled families results money 2012/13", y2012, FundingForm.CashTransfer,
            StreamRestrictions.None, true, YearEndRule.ReturnUnspent, Pounds(100_000), "Families turned around")));
        Ok(await f.CreateStreamAsync(new StreamRequest(AreaCode, "COUNCIL", "DWP-IF", "Innovation fund 2012/13", y2012, FundingForm.CashTransfer,
            StreamRestrictions.None, true, YearEndRule.ReturnUnspent, Pounds(100_000), "Young people in learning and work")));
        Ok(await f.CreatePoolAsync(new PoolRequest(AreaCode, PbrPool, "Payment by results 2012/13", y2012, Ok(ResourceAllocationRule.Points(Pounds(150))))));
        var april2012 = new LocalDate(2012, 4, 2);
        await budgets.ContributeAsync(PbrPool, "DCLG-TF", 100_000, april2012);
        await budgets.ContributeAsync(PbrPool, "DWP-IF", 100_000, april2012);

        Ok(await budgets.People.AddFamilyAsync(AreaCode, Family, "The Testfamily household", [Amy, Ben]));
        Ok(await budgets.People.AddChildAsync(AreaCode, Yp16, "Young Person Sixteen", new LocalDate(1996, 5, 1)));
        Ok(await budgets.People.AddChildAsync(AreaCode, Yp12, "Young Person Twelve", new LocalDate(2000, 5, 1)));
        var purchasing = db.Services.GetRequiredService<PurchasingService>();
        Ok(await purchasing.RegisterProviderAsync(new ProviderRequest(AreaCode, Provider, "Family Works CIC", ProviderSector.Voluntary, "60-11-22", "56789012", "FAMILY WORKS CIC")));

        var o = world.Outcomes;
        Ok(await o.ImportOutcomesAsync(OutcomeCatalogueJson.Shipped()));
        var shipped = RateCardJson.Shipped();
        Ok(await o.ImportRateCardAsync(shipped["troubled-families-2012-year1.json"]));
        Ok(await o.ImportRateCardAsync(shipped["innovation-fund-round1.json"]));
        Ok(await o.ImportRateCardAsync(DevonCard));
        Ok(await o.CreateContractAsync(new ContractRequest(AreaCode, Tf, "Troubled families results 2012", Provider, PbrPool, new LocalDate(2012, 4, 1), new LocalDate(2015, 3, 31))));
        Ok(await o.CreateContractAsync(new ContractRequest(AreaCode, If, "Innovation fund round 1", Provider, PbrPool, new LocalDate(2012, 4, 1), new LocalDate(2015, 3, 31))));
        Ok(await o.CreateContractAsync(new ContractRequest(AreaCode, Eh, "Devon early help outcomes 2026", Provider, PoolCode, April1, new LocalDate(2027, 3, 31))));
        return world;
    }

    public Task<Result<(Enrolment Enrolment, OutcomeClaim? Attachment)>> EnrolAsync(string contract, string subject, LocalDate on, int? age = null,
        DifficultyFactors? factors = null) =>
        Outcomes.EnrolAsync(new EnrolRequest(AreaCode, contract, subject, on, null, age, factors ?? DifficultyFactors.None, Lp));

    /// <summary>Drafts a claim and attaches one small PDF per piece of evidence the outcome requires (or the given ones).</summary>
    public async Task<OutcomeClaim> DraftWithEvidenceAsync(string contract, string subject, string outcome, LocalDate achievedOn, int? sustainment = null,
        IReadOnlyList<string>? evidence = null)
    {
        var claim = Ok(await Outcomes.DraftAsync(new DraftClaimRequest(AreaCode, contract, subject, outcome, sustainment, achievedOn, "PROVIDER-USER",
            $"draft:{contract}:{subject}:{outcome}:{sustainment}:{achievedOn:uuuuMMdd}")));
        var catalogue = await Outcomes.CatalogueAsync();
        foreach (var item in evidence ?? catalogue[outcome].EvidenceRequired)
        {
            Ok(await Outcomes.AttachEvidenceAsync(new EvidenceRequest(AreaCode, claim.Reference, item, EvidencePurpose.Outcome, $"{item}.pdf",
                Pdf($"{claim.Reference} {item}"), "PROVIDER-USER")));
        }

        return claim;
    }

    /// <summary>Draft, evidence, submit, audit sign-off and approval by BH-01; gives the approved claim.</summary>
    public async Task<OutcomeClaim> ClaimThroughAsync(string contract, string subject, string outcome, LocalDate achievedOn, LocalDate claimedOn, int? sustainment = null)
    {
        var draft = await DraftWithEvidenceAsync(contract, subject, outcome, achievedOn, sustainment);
        Ok(await Outcomes.SubmitAsync(AreaCode, draft.Reference, claimedOn));
        Ok(await Outcomes.SignOffAsync(AreaCode, draft.Reference, Auditor));
        return Ok(await Outcomes.ApproveAsync(AreaCode, draft.Reference, Holder, claimedOn.PlusDays(3)));
    }

    /// <summary>A tiny but real PDF header followed by text, so the evidence check accepts it.</summary>
    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    /// <summary>What a provider is owed per stream, by stream code.</summary>
    public async Task<Dictionary<string, Money>> OwedAsync(string provider = Provider)
    {
        await using var context = Db.CreateContext();
        var streams = await context.FundingStreams.ToDictionaryAsync(s => s.Id, s => s.Code);
        var accounts = await context.Accounts.Where(a => a.Kind == AccountKind.ProviderPayable && a.Owner == provider).ToListAsync();
        return accounts.Where(a => a.Balance != 0).ToDictionary(a => streams[a.Stream], a => Money.FromPence(a.Balance));
    }

    /// <summary>What a refused request must leave untouched: the ledger and every payment-by-results table.</summary>
    public async Task<object> SnapshotAsync()
    {
        await using var context = Db.CreateContext();
        return new
        {
            Accounts = await context.Accounts.Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync(),
            Entries = await context.JournalEntries.CountAsync(),
            Keys = await context.IdempotencyRecords.CountAsync(),
            Cards = await context.RateCards.Select(c => new { c.Code, c.Version }).ToListAsync(),
            Contracts = await context.OutcomeContracts.Select(c => new { c.Id, c.Version }).ToListAsync(),
            Enrolments = await context.Enrolments.Select(e => new { e.Id, e.Version }).ToListAsync(),
            Claims = await context.OutcomeClaims.Select(c => new { c.Id, c.Status, c.Amount, c.Version }).ToListAsync(),
            Shares = await context.OutcomeClaimShares.CountAsync(),
            Evidence = await context.EvidenceFiles.CountAsync(),
            Checks = await context.SpotChecks.Select(s => new { s.Claim, s.Finding }).ToListAsync(),
        };
    }
}
