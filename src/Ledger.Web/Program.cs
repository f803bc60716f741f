using Ledger.Infrastructure;
using Ledger.Web;
using Ledger.Web.Api;
using Ledger.Web.Audit;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLedgerInfrastructure(builder.Configuration);
builder.AddLedgerJobHosting();
builder.AddLedgerAuthentication();
builder.AddLedgerSecurity();
MemoryReport.AddLedgerMemoryReport(builder);
builder.Services.AddSingleton<DemoSignIns>();
builder.Services.AddRazorPages(o => o.Conventions.ConfigureFilter(new Ledger.Web.Pages.NoHandlerFilter()));
builder.Services.AddProblemDetails();
builder.Services.AddLedgerOpenApi();

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.UseLedgerJobsAsync();
app.UseLedgerSecurity();
app.UseGovUkFrontendFiles();
app.UseAuthentication();
app.UseDeniedAttemptAudit();
app.UseAuthorization();
app.UseAuditContext();
app.UseApiIdempotency();
app.MapLedgerJobsDashboard();
app.MapLedgerOverview();
app.MapWorkspaceApi();
app.MapPurchasingApi();
app.MapStatementDownloads();
app.MapFundsApi();
app.MapAuditApi();
app.MapAdminApi();
app.MapLedgerOpenApi();
app.MapClaimsApi();
app.MapRazorPages();
app.Lifetime.ApplicationStarted.Register(() => app.AnnounceStartup());
await app.RunAsync();

/// <summary>The web host's entry point; public so the web tests can start it with <c>WebApplicationFactory</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515", Justification = "WebApplicationFactory<Program> in the tests needs it public.")]
public partial class Program;
