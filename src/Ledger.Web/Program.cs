using Ledger.Infrastructure;
using Ledger.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLedgerInfrastructure(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapLedgerOverview();
app.Lifetime.ApplicationStarted.Register(() => app.AnnounceStartup());
await app.RunAsync();
