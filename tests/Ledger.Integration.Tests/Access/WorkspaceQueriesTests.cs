using Ledger.Application.Access;
using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Purchasing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;
using static Ledger.Integration.Tests.Purchasing.PurchasingWorld;

namespace Ledger.Integration.Tests.Access;

/// <summary>
/// Resource-based access (DOMAIN.md §2) enforced in the application: a lead professional reads only the
/// orders and budgets of their caseload, a provider only its own orders, a budget holder their own area's,
/// an administrator no money at all; someone else's order answers as unknown; lists come a page at a time.
/// </summary>
public abstract class WorkspaceQueriesTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task Orders_AreSeenOnlyByTheirCaseloadsLeadProfessional_TheirProvider_AndTheAreasBudgetHolders()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        var therapy = (await w.DeliverAsync(Order("ws-therapy", SpeechSession, 2), "SP-1", new LocalDate(2026, 6, 20))).Order;
        var swim = await w.PlaceAsync("ws-swim", SwimSession, 3);
        await db.Setup.EnsureAreaAsync("CORNWALL", "Cornwall council");
        var q = db.Services.GetRequiredService<WorkspaceQueries>();

        async Task<string[]> Seen(Actor actor) => Ok(await q.OrdersAsync(actor, new PageRequest())).Items.Select(o => o.Order.Reference).Order(StringComparer.Ordinal).ToArray();
        string[] both = [therapy.Reference, swim.Reference];
        (await Seen(new Actor("lee", ActorRole.LeadProfessional, AreaCode, Practitioner: Lp))).Should().Equal(both.Order(StringComparer.Ordinal));
        (await Seen(new Actor("lou", ActorRole.LeadProfessional, AreaCode, Practitioner: Lp2))).Should().BeEmpty("Amy is not on LP-0002's caseload");
        (await Seen(new Actor("bea", ActorRole.BudgetHolder, AreaCode, Practitioner: Holder))).Should().HaveCount(2);
        (await Seen(new Actor("speech", ActorRole.Provider, AreaCode, Provider: Speech))).Should().Equal(therapy.Reference);
        (await Seen(new Actor("club", ActorRole.Provider, AreaCode, Provider: Leisure))).Should().Equal(swim.Reference);
        (await Seen(new Actor("admin", ActorRole.Administrator, AreaCode))).Should().BeEmpty("administrators manage users, not money");
        (await Seen(new Actor("kernow", ActorRole.BudgetHolder, "CORNWALL", Practitioner: "BH-01"))).Should().BeEmpty("another area's orders are never read");

        // Someone else's order answers exactly as one that does not exist.
        var other = await q.OrderAsync(new Actor("club", ActorRole.Provider, AreaCode, Provider: Leisure), therapy.Reference);
        var missing = await q.OrderAsync(new Actor("club", ActorRole.Provider, AreaCode, Provider: Leisure), "PO-NOPE");
        other.Error!.Code.Should().Be(BudgetErrorCode.UnknownOrder);
        missing.Error!.Code.Should().Be(BudgetErrorCode.UnknownOrder);
        (await q.OrderAsync(new Actor("kernow", ActorRole.BudgetHolder, "CORNWALL"), therapy.Reference)).Error!.Code.Should().Be(BudgetErrorCode.UnknownOrder);
        Ok(await q.OrderAsync(new Actor("speech", ActorRole.Provider, AreaCode, Provider: Speech), therapy.Reference)).Provider.Should().Be(Speech);
    }

    [Fact]
    public async Task Orders_ComeAPageAtATime_AndABadPageIsRefused()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        foreach (var i in Enumerable.Range(1, 3))
        {
            await w.PlaceAsync($"page-{i}", SwimSession, 1);
        }

        var q = db.Services.GetRequiredService<WorkspaceQueries>();
        var holder = new Actor("bea", ActorRole.BudgetHolder, AreaCode, Practitioner: Holder);
        var first = Ok(await q.OrdersAsync(holder, new PageRequest(1, 2)));
        var second = Ok(await q.OrdersAsync(holder, new PageRequest(2, 2)));
        (first.Items.Count, first.Total, first.Pages, second.Items.Count).Should().Be((2, 3, 2, 1));
        first.Items.Concat(second.Items).Select(o => o.Order.Reference).Should().OnlyHaveUniqueItems();
        foreach (var bad in new[] { new PageRequest(0, 10), new PageRequest(1, 0), new PageRequest(1, PageRequest.MaxSize + 1) })
        {
            (await q.OrdersAsync(holder, bad)).Error!.Code.Should().Be(BudgetErrorCode.InvalidRequest);
        }
    }

    [Fact]
    public async Task Caseload_ShowsTheLeadProfessionalsBudgetsWithEachStreamsAvailableMoney_AndIsRefusedToOtherRoles()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await PurchasingWorld.CreateAsync(db);
        await w.PlaceAsync("cl-swim", SwimSession, 3);
        var q = db.Services.GetRequiredService<WorkspaceQueries>();

        var caseload = Ok(await q.CaseloadAsync(new Actor("lee", ActorRole.LeadProfessional, AreaCode, Practitioner: Lp), Year));
        var amy = caseload.Should().ContainSingle(b => b.Budget == AmyBudget).Subject;
        amy.Subject.Should().Be(Amy);
        var ledger = await w.AmyAvailableAsync();
        amy.Streams.Should().BeEquivalentTo(ledger.Select(kv => (kv.Key, kv.Value)), "the caseload shows the ledger's available money per stream");
        amy.Available.Should().Be(Pounds(2_500 - 60), "three swimming sessions are held");

        Ok(await q.CaseloadAsync(new Actor("lou", ActorRole.LeadProfessional, AreaCode, Practitioner: Lp2), Year)).Should().BeEmpty();
        foreach (var role in new[] { ActorRole.Provider, ActorRole.BudgetHolder, ActorRole.Administrator, ActorRole.InternalAuditor })
        {
            (await q.CaseloadAsync(new Actor("x", role, AreaCode, Practitioner: Lp, Provider: Speech), Year)).Error!.Code.Should().Be(BudgetErrorCode.NotPermitted, role.ToString());
        }
    }
}

public sealed class SqliteWorkspaceQueriesTests : WorkspaceQueriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlWorkspaceQueriesTests : WorkspaceQueriesTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
