using Ledger.Application.Accounting;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;

namespace Ledger.Integration.Tests.Infrastructure;

/// <summary>A small area with two streams (council social care and health) and the usual accounts, on a real database.</summary>
public sealed class LedgerFixture
{
    private LedgerFixture(TestDatabase db, Area area, FundingStream csc, FundingStream health)
    {
        Db = db;
        Area = area;
        Csc = csc;
        Health = health;
    }

    public TestDatabase Db { get; }

    public Area Area { get; }

    public FundingStream Csc { get; }

    public FundingStream Health { get; }

    public static async Task<LedgerFixture> CreateAsync(TestDatabase db, string areaCode = "DEVON")
    {
        var area = await db.Setup.EnsureAreaAsync(areaCode, $"{areaCode} council");
        var csc = await db.Setup.EnsureStreamAsync(area.Id, "CSC-2026", "Council social care 2026/27", FinancialYear.StartingIn(2026));
        var health = await db.Setup.EnsureStreamAsync(area.Id, "HEALTH-2026", "NHS health 2026/27", FinancialYear.StartingIn(2026));
        return new LedgerFixture(db, area, csc, health);
    }

    public Task<Account> AccountAsync(AccountKind kind, string owner, FundingStream stream) =>
        Db.Setup.EnsureAccountAsync(kind, Area.Id, owner, stream.Id);

    /// <summary>CHILD-1's council-stream budget holding <paramref name="amount"/>, and PROV-1's payable in the same stream.</summary>
    public async Task<(Account Budget, Account Payable)> FundedBudgetAsync(Money amount)
    {
        var budget = await AccountAsync(AccountKind.IndividualBudget, "CHILD-1", Csc);
        var payable = await AccountAsync(AccountKind.ProviderPayable, "PROV-1", Csc);
        await FundAsync(budget, Csc, amount);
        return (budget, payable);
    }

    /// <summary>Puts <paramref name="amount"/> of the stream's money into <paramref name="budget"/>.</summary>
    public async Task FundAsync(Account budget, FundingStream stream, Money amount)
    {
        var funds = await AccountAsync(AccountKind.StreamFunds, "FUNDS", stream);
        var outcome = await Db.Engine.ExecuteAsync(new PostEntry($"fund-{Guid.NewGuid():N}", new NodaTime.LocalDate(2026, 4, 1),
            "Partner contribution", [JournalLine.Debit(funds.Id, amount), JournalLine.Credit(budget.Id, amount)]));
        outcome.Succeeded.Should().BeTrue(outcome.Error?.Message);
    }
}
