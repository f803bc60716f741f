using Ledger.Domain;
using Ledger.Domain.Accounting;
using Ledger.Domain.Calendar;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Ledger.Infrastructure.Persistence;

/// <summary>
/// The one EF Core context for every provider. The model is portable: no schemas, no sequences,
/// enums as strings, money as integer pence, NodaTime values through the same converters everywhere.
/// It also holds the ASP.NET Core Identity tables (users, roles, logins) of the people who sign in.
/// </summary>
public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : IdentityDbContext<LedgerUser, IdentityRole, string>(options)
{
    /// <summary>Areas (local authorities).</summary>
    public DbSet<Area> Areas => Set<Area>();

    /// <summary>Funding streams.</summary>
    public DbSet<FundingStream> FundingStreams => Set<FundingStream>();

    /// <summary>Accounts, one per kind, area, owner and stream.</summary>
    public DbSet<Account> Accounts => Set<Account>();

    /// <summary>Journal entries.</summary>
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();

    /// <summary>Postings (the lines of journal entries).</summary>
    public DbSet<Posting> Postings => Set<Posting>();

    /// <summary>The journal's hash chain per area: one link per sealed entry (tamper evidence).</summary>
    public DbSet<Accounting.JournalSeal> JournalSeals => Set<Accounting.JournalSeal>();

    /// <summary>Holds.</summary>
    public DbSet<Hold> Holds => Set<Hold>();

    /// <summary>Hold legs.</summary>
    public DbSet<HoldLeg> HoldLegs => Set<HoldLeg>();

    /// <summary>Idempotency records, kept for ever.</summary>
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Closed accounting periods.</summary>
    public DbSet<PeriodClosure> PeriodClosures => Set<PeriodClosure>();

    /// <summary>Partner agencies.</summary>
    public DbSet<Domain.Budgets.Agency> Agencies => Set<Domain.Budgets.Agency>();

    /// <summary>Pooled budgets.</summary>
    public DbSet<Domain.Budgets.Pool> Pools => Set<Domain.Budgets.Pool>();

    /// <summary>Financial years closed by year-end processing.</summary>
    public DbSet<Domain.Budgets.FinancialYearClosure> FinancialYearClosures => Set<Domain.Budgets.FinancialYearClosure>();

    /// <summary>Assessments of need.</summary>
    public DbSet<Domain.Budgets.Assessment> Assessments => Set<Domain.Budgets.Assessment>();

    /// <summary>Individual and lead-professional budgets.</summary>
    public DbSet<Domain.Budgets.Budget> Budgets => Set<Domain.Budgets.Budget>();

    /// <summary>Allocations from pools to budgets.</summary>
    public DbSet<Domain.Budgets.Allocation> Allocations => Set<Domain.Budgets.Allocation>();

    /// <summary>Lead professionals, brokers and budget holders.</summary>
    public DbSet<Domain.People.Practitioner> Practitioners => Set<Domain.People.Practitioner>();

    /// <summary>Children and families (pseudonymous).</summary>
    public DbSet<Domain.People.Subject> Subjects => Set<Domain.People.Subject>();

    /// <summary>Caseload entries.</summary>
    public DbSet<Domain.People.CaseloadEntry> Caseloads => Set<Domain.People.CaseloadEntry>();

    /// <summary>Personal details: the one place they are kept.</summary>
    public DbSet<Domain.People.PersonalDetails> PersonalDetails => Set<Domain.People.PersonalDetails>();

    /// <summary>The log of every read of personal details.</summary>
    public DbSet<Domain.People.PersonalDetailsRead> PersonalDetailsReads => Set<Domain.People.PersonalDetailsRead>();

    /// <summary>Providers of services (R7).</summary>
    public DbSet<Domain.Purchasing.Provider> Providers => Set<Domain.Purchasing.Provider>();

    /// <summary>The service catalogue (R8).</summary>
    public DbSet<Domain.Purchasing.ServiceItem> ServiceItems => Set<Domain.Purchasing.ServiceItem>();

    /// <summary>Delegated limits (R11).</summary>
    public DbSet<Domain.Purchasing.DelegatedLimit> DelegatedLimits => Set<Domain.Purchasing.DelegatedLimit>();

    /// <summary>What each practitioner committed under delegation per month (R11).</summary>
    public DbSet<Domain.Purchasing.DelegatedMonth> DelegatedMonths => Set<Domain.Purchasing.DelegatedMonth>();

    /// <summary>Purchase orders (R9).</summary>
    public DbSet<Domain.Purchasing.PurchaseOrder> PurchaseOrders => Set<Domain.Purchasing.PurchaseOrder>();

    /// <summary>Providers' invoices (R13).</summary>
    public DbSet<Domain.Purchasing.Invoice> Invoices => Set<Domain.Purchasing.Invoice>();

    /// <summary>Payment runs (R13).</summary>
    public DbSet<Domain.Purchasing.PaymentRun> PaymentRuns => Set<Domain.Purchasing.PaymentRun>();

    /// <summary>Payments to providers within runs.</summary>
    public DbSet<Domain.Purchasing.ProviderPayment> ProviderPayments => Set<Domain.Purchasing.ProviderPayment>();

    /// <summary>The outcome catalogue (R14).</summary>
    public DbSet<Application.Outcomes.StoredOutcome> Outcomes => Set<Application.Outcomes.StoredOutcome>();

    /// <summary>Rate cards (R15).</summary>
    public DbSet<Application.Outcomes.StoredRateCard> RateCards => Set<Application.Outcomes.StoredRateCard>();

    /// <summary>Payment-by-results contracts.</summary>
    public DbSet<Domain.Outcomes.OutcomeContract> OutcomeContracts => Set<Domain.Outcomes.OutcomeContract>();

    /// <summary>Enrolments on contracts.</summary>
    public DbSet<Domain.Outcomes.Enrolment> Enrolments => Set<Domain.Outcomes.Enrolment>();

    /// <summary>Outcome claims (R20).</summary>
    public DbSet<Domain.Outcomes.OutcomeClaim> OutcomeClaims => Set<Domain.Outcomes.OutcomeClaim>();

    /// <summary>Each payer's share of a claim (R19).</summary>
    public DbSet<Domain.Outcomes.OutcomeClaimShare> OutcomeClaimShares => Set<Domain.Outcomes.OutcomeClaimShare>();

    /// <summary>Evidence attached to claims.</summary>
    public DbSet<Domain.Outcomes.EvidenceFile> EvidenceFiles => Set<Domain.Outcomes.EvidenceFile>();

    /// <summary>Problems starting again for family members (R21).</summary>
    public DbSet<Domain.Outcomes.ProblemRecurrence> ProblemRecurrences => Set<Domain.Outcomes.ProblemRecurrence>();

    /// <summary>Assurance samples (R21).</summary>
    public DbSet<Domain.Outcomes.AssuranceSample> AssuranceSamples => Set<Domain.Outcomes.AssuranceSample>();

    /// <summary>Spot checks of sampled claims (R21).</summary>
    public DbSet<Domain.Outcomes.SpotCheck> SpotChecks => Set<Domain.Outcomes.SpotCheck>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQL Server compares text case- and accent-insensitively by default; codes and idempotency
        // keys are exact, as they are on SQLite and PostgreSQL, so every text column compares binary.
        if (Database.IsSqlServer())
        {
            configurationBuilder.Properties<string>().UseCollation("Latin1_General_100_BIN2");
        }

        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<AreaId>().HaveConversion<AreaIdConverter>();
        configurationBuilder.Properties<FundingStreamId>().HaveConversion<FundingStreamIdConverter>();
        configurationBuilder.Properties<AccountId>().HaveConversion<AccountIdConverter>();
        configurationBuilder.Properties<JournalEntryId>().HaveConversion<JournalEntryIdConverter>();
        configurationBuilder.Properties<HoldId>().HaveConversion<HoldIdConverter>();
        configurationBuilder.Properties<Domain.AgencyId>().HaveConversion<AgencyIdConverter>();
        configurationBuilder.Properties<Domain.PoolId>().HaveConversion<PoolIdConverter>();
        configurationBuilder.Properties<Domain.BudgetId>().HaveConversion<BudgetIdConverter>();
        configurationBuilder.Properties<Domain.AssessmentId>().HaveConversion<AssessmentIdConverter>();
        configurationBuilder.Properties<Domain.AllocationId>().HaveConversion<AllocationIdConverter>();
        configurationBuilder.Properties<Domain.PractitionerId>().HaveConversion<PractitionerIdConverter>();
        configurationBuilder.Properties<Domain.SubjectId>().HaveConversion<SubjectIdConverter>();
        configurationBuilder.Properties<Domain.ProviderId>().HaveConversion<ProviderIdConverter>();
        configurationBuilder.Properties<Domain.ServiceItemId>().HaveConversion<ServiceItemIdConverter>();
        configurationBuilder.Properties<Domain.PurchaseOrderId>().HaveConversion<PurchaseOrderIdConverter>();
        configurationBuilder.Properties<Domain.InvoiceId>().HaveConversion<InvoiceIdConverter>();
        configurationBuilder.Properties<Domain.PaymentRunId>().HaveConversion<PaymentRunIdConverter>();
        configurationBuilder.Properties<Domain.OutcomeContractId>().HaveConversion<OutcomeContractIdConverter>();
        configurationBuilder.Properties<Domain.EnrolmentId>().HaveConversion<EnrolmentIdConverter>();
        configurationBuilder.Properties<Domain.OutcomeClaimId>().HaveConversion<OutcomeClaimIdConverter>();
        configurationBuilder.Properties<Domain.EvidenceFileId>().HaveConversion<EvidenceFileIdConverter>();
        configurationBuilder.Properties<Domain.AssuranceSampleId>().HaveConversion<AssuranceSampleIdConverter>();
        configurationBuilder.Properties<Domain.ProblemRecurrenceId>().HaveConversion<ProblemRecurrenceIdConverter>();
        configurationBuilder.Properties<FinancialYear>().HaveConversion<FinancialYearConverter>();
        configurationBuilder.Properties<AccountKind>().HaveConversion<EnumToStringConverter<AccountKind>>().HaveMaxLength(40);
        configurationBuilder.Properties<HoldStatus>().HaveConversion<EnumToStringConverter<HoldStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<EntryKind>().HaveConversion<EnumToStringConverter<EntryKind>>().HaveMaxLength(30);
        configurationBuilder.Properties<LedgerErrorCode>().HaveConversion<EnumToStringConverter<LedgerErrorCode>>().HaveMaxLength(40);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Identity's tables first, so Ledger's configuration of its user columns applies on top.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LedgerDbContext).Assembly);
    }

    private sealed class FinancialYearConverter() : ValueConverter<FinancialYear, int>(
        y => y.StartYear,
        y => FinancialYear.StartingIn(y));
}
