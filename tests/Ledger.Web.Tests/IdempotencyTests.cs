using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Idempotency;
using Ledger.Infrastructure.Persistence;
using Ledger.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ledger.Web.Tests;

/// <summary>
/// A small host with the real <c>Idempotency-Key</c> middleware and its real store, migrated by the real
/// migrations, in front of POST endpoints that count their calls: <c>/api/things/{tag}</c> answers 201,
/// <c>/api/refused/{tag}</c> 400, <c>/api/broken/{tag}</c> 500 the first time and 201 after, and
/// <c>/api/slow/{tag}</c> waits until the test releases it. The user is whoever the <c>X-User</c> header names.
/// </summary>
public abstract class IdempotencyHost : IAsyncLifetime
{
    private WebApplication? _app;
    private Func<Task> _drop = () => Task.CompletedTask;

    public ConcurrentDictionary<string, int> Calls { get; } = new();

    public ConcurrentDictionary<string, TaskCompletionSource> Entered { get; } = new();

    public ConcurrentDictionary<string, TaskCompletionSource> Release { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IDbContextFactory<LedgerDbContext> Contexts => _app!.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>();

    protected abstract Task<(DatabaseProvider Provider, string ConnectionString, Func<Task> Drop)> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        var (provider, connectionString, drop) = await CreateDatabaseAsync();
        _drop = drop;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Services.AddLedgerInfrastructure(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        var app = builder.Build();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
        {
            await Migrator.MigrateAsync(db);
        }

        app.Use((context, next) =>
        {
            if (context.Request.Headers["X-User"] is { Count: 1 } user)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user[0]!)], "Test"));
            }

            return next(context);
        });
        app.UseApiIdempotency();
        app.MapPost("/api/things/{tag}", async (string tag, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var n = Calls.AddOrUpdate(tag, 1, (_, c) => c + 1);
            return Results.Created($"/api/things/{tag}/{n}", new { call = n, body });
        });
        app.MapPost("/api/refused/{tag}", (string tag) =>
        {
            Calls.AddOrUpdate(tag, 1, (_, c) => c + 1);
            return ApiProblems.BadInput("Refused.");
        });
        app.MapPost("/api/broken/{tag}", (string tag) =>
            Calls.AddOrUpdate(tag, 1, (_, c) => c + 1) == 1 ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Created((string?)null, new { ok = true }));
        app.MapPost("/api/slow/{tag}", async (string tag) =>
        {
            Calls.AddOrUpdate(tag, 1, (_, c) => c + 1);
            Entered.GetOrAdd(tag, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Release.GetOrAdd(tag, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            return Results.Ok(new { ok = true });
        });
        await app.StartAsync();
        _app = app;
        Client = app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _drop();
        GC.SuppressFinalize(this);
    }

    protected static (DatabaseProvider Provider, string ConnectionString, Func<Task> Drop) SqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "ledger.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        });
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string user, string? key, string body = "{\"amount\":\"10.00\"}")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-User", user);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, key).Should().BeTrue();
        }

        return await Client.SendAsync(request);
    }
}

public sealed class SqliteIdempotencyHost : IdempotencyHost
{
    protected override Task<(DatabaseProvider Provider, string ConnectionString, Func<Task> Drop)> CreateDatabaseAsync() => Task.FromResult(SqliteFile());
}

/// <summary>The same host on a fresh PostgreSQL database from LEDGER_TEST_POSTGRES; without it the tests skip themselves.</summary>
public sealed class PostgreSqlIdempotencyHost : IdempotencyHost
{
    public bool Available { get; private set; }

    protected override async Task<(DatabaseProvider Provider, string ConnectionString, Func<Task> Drop)> CreateDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(admin))
        {
            return SqliteFile();
        }

        var name = $"ledger_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        Available = true;
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return (DatabaseProvider.PostgreSql, cs, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        });
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on POSTs under /api (R25): a replay returns the stored response without running the
/// handler again; the key with another request is 422, a key still running 409, a bad key 400; failures are
/// not stored, so they can be retried. Each provider runs the same tests (subclasses below).
/// </summary>
public abstract class IdempotencyTests(IdempotencyHost host)
{
    protected virtual void SkipUnlessAvailable()
    {
    }

    private static string Tag() => Guid.NewGuid().ToString("N");

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString();
    }

    [Fact]
    public async Task Post_RepeatedWithTheSameKeyAndBody_ReplaysTheStoredResponse_WithoutRunningTheHandlerAgain()
    {
        SkipUnlessAvailable();
        var tag = Tag();
        var first = await host.PostAsync($"/api/things/{tag}", "ann", "order-1");
        var again = await host.PostAsync($"/api/things/{tag}", "ann", "order-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        first.Headers.Contains(IdempotencyKeys.ReplayedHeader).Should().BeFalse();
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        again.Headers.GetValues(IdempotencyKeys.ReplayedHeader).Should().Equal("true");
        again.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        host.Calls[tag].Should().Be(1);

        // Keys are per user: another user's same key is another request.
        (await host.PostAsync($"/api/things/{tag}", "bob", "order-1")).StatusCode.Should().Be(HttpStatusCode.Created);
        host.Calls[tag].Should().Be(2);

        // Without the header every POST runs.
        (await host.PostAsync($"/api/things/{tag}", "ann", null)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await host.PostAsync($"/api/things/{tag}", "ann", null)).StatusCode.Should().Be(HttpStatusCode.Created);
        host.Calls[tag].Should().Be(4);
    }

    [Fact]
    public async Task Post_ReusingAKeyWithADifferentBodyOrPath_Is422IdempotencyKeyReused_AndRunsNothing()
    {
        SkipUnlessAvailable();
        var tag = Tag();
        (await host.PostAsync($"/api/things/{tag}", "ann", "reuse-1", "{\"amount\":\"10.00\"}")).StatusCode.Should().Be(HttpStatusCode.Created);

        var otherBody = await host.PostAsync($"/api/things/{tag}", "ann", "reuse-1", "{\"amount\":\"99.00\"}");
        var otherPath = await host.PostAsync($"/api/refused/{tag}", "ann", "reuse-1", "{\"amount\":\"10.00\"}");

        foreach (var response in new[] { otherBody, otherPath })
        {
            response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
            (await CodeAsync(response)).Should().Be("IdempotencyKeyReused");
        }

        host.Calls[tag].Should().Be(1, "neither refused request reached a handler");
        await using var db = await host.Contexts.CreateDbContextAsync();
        (await db.Set<ApiIdempotencyRecord>().CountAsync(r => r.UserName == "ann" && r.Key == "reuse-1")).Should().Be(1);
    }

    [Fact]
    public async Task Post_WhileTheFirstRequestWithTheKeyIsRunning_Is409IdempotencyKeyInFlight()
    {
        SkipUnlessAvailable();
        var tag = Tag();
        var first = host.PostAsync($"/api/slow/{tag}", "ann", "slow-1");
        await host.Entered.GetOrAdd(tag, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await host.PostAsync($"/api/slow/{tag}", "ann", "slow-1");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CodeAsync(second)).Should().Be("IdempotencyKeyInFlight");

        host.Release.GetOrAdd(tag, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        (await first).StatusCode.Should().Be(HttpStatusCode.OK);
        var third = await host.PostAsync($"/api/slow/{tag}", "ann", "slow-1");
        third.StatusCode.Should().Be(HttpStatusCode.OK);
        third.Headers.GetValues(IdempotencyKeys.ReplayedHeader).Should().Equal("true");
        host.Calls[tag].Should().Be(1);
    }

    // An empty header value is dropped by HttpClient before it reaches the test server, so blank is sent as spaces
    // here; the empty string is checked by the same rule (DomainKey_IsPerUser_AndBlankOrLongKeysAreInvalid).
    [Theory]
    [InlineData("   ")]
    [InlineData("k234567890k234567890k234567890k234567890k234567890k234567890k234567890k234567890k234567890k234567890x")]
    public async Task Post_WithAnEmptyOrTooLongKey_Is400_AndRunsNothing(string key)
    {
        SkipUnlessAvailable();
        var tag = Tag();
        var response = await host.PostAsync($"/api/things/{tag}", "ann", key);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CodeAsync(response)).Should().Be("InvalidRequest");
        host.Calls.ContainsKey(tag).Should().BeFalse();
    }

    [Fact]
    public async Task Post_WhenTheHandlerFails_IsNotStored_SoTheRetryRuns_AndA4xxIsStored()
    {
        SkipUnlessAvailable();
        var tag = Tag();
        (await host.PostAsync($"/api/broken/{tag}", "ann", "broken-1")).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await host.PostAsync($"/api/broken/{tag}", "ann", "broken-1")).StatusCode.Should().Be(HttpStatusCode.Created);
        var replay = await host.PostAsync($"/api/broken/{tag}", "ann", "broken-1");
        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        replay.Headers.Contains(IdempotencyKeys.ReplayedHeader).Should().BeTrue();
        host.Calls[tag].Should().Be(2);

        var refusedTag = Tag();
        (await host.PostAsync($"/api/refused/{refusedTag}", "ann", "refused-1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var refusedAgain = await host.PostAsync($"/api/refused/{refusedTag}", "ann", "refused-1");
        refusedAgain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refusedAgain.Headers.Contains(IdempotencyKeys.ReplayedHeader).Should().BeTrue("a rejected request stays rejected");
        host.Calls[refusedTag].Should().Be(1);
    }

    [Fact]
    public void DomainKey_IsPerUser_AndBlankOrLongKeysAreInvalid()
    {
        IdempotencyKeys.IsValid("").Should().BeFalse();
        IdempotencyKeys.IsValid(null).Should().BeFalse();
        IdempotencyKeys.IsValid(new string('k', 100)).Should().BeTrue();
        IdempotencyKeys.IsValid(new string('k', 101)).Should().BeFalse();
        IdempotencyKeys.For("ann", "order-1").Should().Be("api:ann:order-1");
        IdempotencyKeys.For("bob", "order-1").Should().NotBe(IdempotencyKeys.For("ann", "order-1"));
    }
}

public sealed class SqliteIdempotencyTests(SqliteIdempotencyHost host) : IdempotencyTests(host), IClassFixture<SqliteIdempotencyHost>;

public sealed class PostgreSqlIdempotencyTests(PostgreSqlIdempotencyHost host) : IdempotencyTests(host), IClassFixture<PostgreSqlIdempotencyHost>
{
    protected override void SkipUnlessAvailable()
    {
        if (!host.Available)
        {
            Assert.Skip("LEDGER_TEST_POSTGRES is not set: no PostgreSQL server to run on.");
        }
    }
}
