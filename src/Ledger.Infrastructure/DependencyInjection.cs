using Ledger.Application.Accounting;
using Ledger.Application.Budgets;
using Ledger.Application.Outcomes;
using Ledger.Application.Purchasing;
using Ledger.Application.Statements;
using Ledger.Infrastructure.Accounting;
using Ledger.Infrastructure.Budgets;
using Ledger.Infrastructure.Export;
using Ledger.Infrastructure.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Infrastructure.Purchasing;
using Ledger.Infrastructure.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Ledger.Infrastructure;

/// <summary>Registers the ledger's storage side.</summary>
public static class DependencyInjection
{
    /// <summary>Adds the database (from <c>Ledger:Database</c>), the posting engine (group commit from <c>Ledger:Posting</c>), queries, setup, verifier and export.</summary>
    public static IServiceCollection AddLedgerInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(configuration.GetSection(PurchasingOptions.Section).Get<PurchasingOptions>() ?? new PurchasingOptions());
        services.AddSingleton(configuration.GetSection(OutcomeOptions.Section).Get<OutcomeOptions>() ?? new OutcomeOptions());
        services.AddSingleton(configuration.GetSection(PostingOptions.Section).Get<PostingOptions>() ?? new PostingOptions());
        services.AddSingleton(configuration.GetSection(SealOptions.Section).Get<SealOptions>() ?? new SealOptions());
        return services.AddLedgerInfrastructure(options);
    }

    /// <summary>Adds the ledger's storage side for explicit database options.</summary>
    public static IServiceCollection AddLedgerInfrastructure(this IServiceCollection services, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.ResolveConnectionString();
        services.AddSingleton(options);
        services.AddSingleton<Audit.AuditInterceptor>();
        services.AddDbContextFactory<LedgerDbContext>((sp, b) => LedgerDatabase.Configure(b, options.Provider, connectionString).AddInterceptors(sp.GetRequiredService<Audit.AuditInterceptor>()));
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton(new PostingOptions());
        services.AddSingleton<EfPostingService>();
        services.AddSingleton<IPostingService>(sp =>
        {
            var engine = sp.GetRequiredService<EfPostingService>();
            var posting = sp.GetRequiredService<PostingOptions>();
            return posting.GroupCommit
                ? new GroupCommitPostingService(engine, posting.BatchFor(options.Provider), posting.InFlightFor(options.Provider))
                : engine;
        });
        services.AddSingleton<ILedgerSetup, EfLedgerSetup>();
        services.AddSingleton<IHoldExpiry, EfHoldExpiry>();
        services.AddSingleton<IBalanceQueries, EfBalanceQueries>();
        services.AddSingleton<ILedgerVerifier, LedgerVerifier>();
        services.TryAddSingleton(new SealOptions());
        services.AddSingleton<JournalSealer>();
        services.AddSingleton<HledgerJournalExporter>();
        services.AddSingleton<IBudgetStore, EfBudgetStore>();
        services.AddSingleton<IPoolQueries, EfPoolQueries>();
        services.AddSingleton<FundingService>();
        services.AddSingleton<PeopleService>();
        services.AddSingleton<AllocationService>();
        services.AddSingleton<YearEndService>();
        services.TryAddSingleton(new PurchasingOptions());
        services.AddSingleton<IPurchasingStore, EfPurchasingStore>();
        services.AddSingleton<PurchasingService>();
        services.AddSingleton<Application.Access.WorkspaceQueries>();
        services.AddSingleton<Application.Access.PurchaseWorkspace>();
        services.AddSingleton<Application.Access.StatementsWorkspace>();
        services.AddSingleton<Application.Access.FundsWorkspace>();
        services.AddSingleton<PaymentRunService>();
        services.TryAddSingleton(new OutcomeOptions());
        services.AddSingleton<IOutcomeStore, EfOutcomeStore>();
        // Relative evidence folders live under the checkout's data folder, beside the SQLite database.
        services.AddSingleton<IEvidenceFiles>(sp =>
        {
            var folder = sp.GetRequiredService<OutcomeOptions>().EvidenceFolder;
            return new FileEvidenceStore(Path.IsPathRooted(folder) ? folder : Path.Combine(LedgerDatabase.DataRoot(), "data", folder));
        });
        services.AddSingleton<OutcomeService>();
        services.AddSingleton<AssuranceService>();
        services.AddSingleton<Application.Access.ClaimsWorkspace>();
        services.AddSingleton<OutcomeReports>();
        services.AddSingleton<IStatementQueries, EfStatementQueries>();
        services.AddSingleton<IProviderStatementQueries, EfProviderStatementQueries>();
        services.AddSingleton<IPilotReportQueries, EfPilotReportQueries>();
        services.AddSingleton<IFundsStatementQueries, EfFundsStatementQueries>();
        services.AddSingleton<Application.Audit.IAuditStore, Audit.EfAuditStore>();
        services.AddSingleton<Application.Audit.AuditTrail>();
        services.AddSingleton<Idempotency.ApiIdempotencyStore>();
        services.AddSingleton<Identity.ApiTokenService>();
        return services;
    }
}
