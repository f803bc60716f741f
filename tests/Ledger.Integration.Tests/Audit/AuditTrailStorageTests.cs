using Ledger.Application.Access;
using Ledger.Application.Audit;
using Ledger.Domain.Audit;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Budgets;
using Ledger.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests.Audit;

/// <summary>
/// The audit trail on a real database through the real migrations: every write through the context (the
/// budgets services and the posting engine alike) is recorded in the same save with the ambient actor; a
/// refused write records nothing; the search keeps to the actor's area; reading personal details needs a
/// purpose and the caseload. Each provider runs the same tests (subclasses at the end of the file).
/// </summary>
public abstract class AuditTrailStorageTests
{
    protected abstract DatabaseProvider Provider { get; }

    [Fact]
    public async Task EveryWrite_IsRecordedWithTheAmbientActor_IncludingThePostingEngines_AndTheSearchKeepsToTheArea()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        BudgetWorld devon;
        using (AuditContext.Begin(new AuditActor("bh-devon", "BudgetHolder", AreaCode, "198.51.100.9")))
        {
            devon = await BudgetWorld.CreateAsync(db);
        }

        var somerset = await BudgetWorld.CreateAsync(db, contribute: false, areaCode: "SOMERSET");

        await using var context = db.CreateContext();
        var entries = await context.Set<AuditEntry>().AsNoTracking().ToListAsync();
        var mine = entries.Where(e => e.UserName == "bh-devon").ToList();
        mine.Should().NotBeEmpty().And.OnlyContain(e => e.ClientAddress == "198.51.100.9" && e.Role == "BudgetHolder" && e.Area == devon.AreaRecord.Id);
        mine.Should().Contain(e => e.Action == AuditAction.Added && e.What == $"Subject {Amy}");
        mine.Should().Contain(e => e.Action == AuditAction.Added && e.What.StartsWith("PersonalDetails ", StringComparison.Ordinal));
        var journal = await context.JournalEntries.CountAsync();
        journal.Should().BePositive();
        mine.Count(e => e.Action == AuditAction.Added && e.What.StartsWith("JournalEntry ", StringComparison.Ordinal)).Should().Be(journal,
            "every journal entry the engine wrote is recorded");
        mine.Count(e => e.Action == AuditAction.Added && e.What.StartsWith("Hold ", StringComparison.Ordinal)).Should().Be(await context.Holds.CountAsync(),
            "every hold the engine reserved is recorded");
        mine.Should().NotContain(e => e.What.StartsWith("Posting ", StringComparison.Ordinal) || e.What.StartsWith("Account ", StringComparison.Ordinal) && e.Action == AuditAction.Modified,
            "postings and balances are parts of their entry, recorded once with it");
        entries.Where(e => e.Area == somerset.AreaRecord.Id).Should().NotBeEmpty().And.OnlyContain(e => e.UserName == "system" && e.ClientAddress == null);
        entries.Should().NotContain(e => (e.Detail ?? string.Empty).Contains(AmyName) || e.What.Contains(AmyName), "names are never recorded");

        var trail = db.Services.GetRequiredService<AuditTrail>();
        var page = Ok(await trail.SearchAsync(new Actor("auditor", ActorRole.InternalAuditor, AreaCode), new AuditFilter(), new PageRequest(1, 100)));
        page.Total.Should().Be(entries.Count(e => e.Area == devon.AreaRecord.Id));
        page.Items.Should().OnlyContain(e => e.Area == devon.AreaRecord.Id);
        page.Items.Select(e => e.At).Should().BeInDescendingOrder();
        var subjects = Ok(await trail.SearchAsync(new Actor("auditor", ActorRole.InternalAuditor, "SOMERSET"), new AuditFilter(WhatContains: Amy), new PageRequest()));
        subjects.Items.Should().Contain(e => e.What == $"Subject {Amy}").And.OnlyContain(e => e.UserName == "system" && e.Area == somerset.AreaRecord.Id);
        (await trail.SearchAsync(new Actor("lee", ActorRole.LeadProfessional, AreaCode, Lp), new AuditFilter(), new PageRequest())).Error!.Code
            .Should().Be(BudgetErrorCode.NotPermitted);
    }

    [Fact]
    public async Task ARefusedWrite_RecordsNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        await using var context = db.CreateContext();
        var before = await context.Set<AuditEntry>().CountAsync();

        (await w.People.AddChildAsync(AreaCode, Amy, "Someone Else", null)).Succeeded.Should().BeFalse("the reference is taken");

        (await context.Set<AuditEntry>().CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task PersonalDetails_AreReadForTheCaseloadWithAPurpose_AndEachReadIsRecorded()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var w = await BudgetWorld.CreateAsync(db, contribute: false);
        var trail = db.Services.GetRequiredService<AuditTrail>();
        var lee = new Actor("lee", ActorRole.LeadProfessional, AreaCode, Lp);
        var lou = new Actor("lou", ActorRole.LeadProfessional, AreaCode, "LP-0002");

        (await trail.ReadDetailsAsync(lee, Amy, " ")).Error!.Code.Should().Be(BudgetErrorCode.ReasonRequired);
        (await trail.ReadDetailsAsync(lou, Amy, "A visit")).Error!.Code.Should().Be(BudgetErrorCode.UnknownSubject);
        (await trail.ReadDetailsAsync(new Actor("aud", ActorRole.InternalAuditor, AreaCode), Amy, "A visit")).Error!.Code.Should().Be(BudgetErrorCode.NotPermitted);
        await using var context = db.CreateContext();
        (await context.Set<AuditEntry>().CountAsync(e => e.Action == AuditAction.Read)).Should().Be(0);

        using (AuditContext.Begin(new AuditActor("lee", "LeadProfessional", AreaCode, "198.51.100.3")))
        {
            Ok(await trail.ReadDetailsAsync(lee, Amy, "Arranging a home visit")).FullName.Should().Be(AmyName);
        }

        var read = await context.Set<AuditEntry>().SingleAsync(e => e.Action == AuditAction.Read);
        read.UserName.Should().Be("lee");
        read.What.Should().Be($"Child {Amy} personal details");
        read.Detail.Should().Be("Purpose: Arranging a home visit");
        read.ClientAddress.Should().Be("198.51.100.3");
        read.Area.Should().Be(w.AreaRecord.Id);
        (await context.PersonalDetailsReads.CountAsync()).Should().Be(1);
    }
}

public sealed class SqliteAuditTrailStorageTests : AuditTrailStorageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgreSqlAuditTrailStorageTests : AuditTrailStorageTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
