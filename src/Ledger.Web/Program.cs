using Ledger.Infrastructure;
using Ledger.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLedgerInfrastructure(builder.Configuration);
builder.AddLedgerJobHosting();

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.UseLedgerJobsAsync();
app.MapLedgerOverview();
app.Lifetime.ApplicationStarted.Register(() => app.AnnounceStartup());
await app.RunAsync();
