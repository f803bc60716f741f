using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Application.Access;
using Ledger.Infrastructure;
using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Web.Tests;

/// <summary>
/// API tokens: a token acts on /api as its user with the same access rules as a sign-in (a provider's
/// token sees only its orders), never opens a page, stops at once when revoked or its user is locked, is
/// refused with 401 ProblemDetails when wrong, and only its hash is stored.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public sealed partial class ApiTokenTests(DemoSite site)
{
    [Fact]
    public async Task Token_OnOrdersApi_ActsAsItsProviderUser_AndSeesOnlyItsOrders()
    {
        var secret = await CreateTokenAsync(site, "demo-provider", "Young Minds case system");
        using var client = TokenClient(site, secret);

        var orders = await AllOrdersAsync(client);
        orders.Should().NotBeEmpty().And.OnlyContain(o => o.GetProperty("provider").GetString() == "PRV-YOUNG-MINDS");

        using var provider = site.Browser();
        await provider.SignInOrFailAsync("demo-provider");
        var bySignIn = await AllOrdersAsync(provider.Client);
        orders.Select(o => o.GetProperty("reference").GetString()).Should().Equal(bySignIn.Select(o => o.GetProperty("reference").GetString()),
            "a token sees exactly what its user sees signed in");

        var caseload = await client.GetAsync(new Uri("/api/caseload", UriKind.Relative));
        caseload.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the provider's access rules apply to its token too");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/orders")]
    [InlineData("/admin/tokens")]
    public async Task Token_NeverOpensAPage(string path)
    {
        var secret = await CreateTokenAsync(site, "demo-admin", "An administrator's token");
        using var client = TokenClient(site, secret);
        (await client.GetAsync(new Uri("/api/admin/users", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK, "the token itself works on /api");

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/sign-in", "pages take the sign-in cookie only");
    }

    [Fact]
    public async Task Token_WhenRevokedOnThePage_StopsWorkingAtOnce()
    {
        using var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        var created = await admin.PostFormAsync("/admin/tokens", "/admin/tokens",
            new Dictionary<string, string> { ["UserName"] = "demo-provider", ["Name"] = "Revoked on the page" });
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        created.Headers.CacheControl!.NoStore.Should().BeTrue("the page carrying the secret must not be cached");
        var html = await created.Content.ReadAsStringAsync();
        var secret = WebUtility.HtmlDecode(NewTokenPattern().Match(html).Groups[1].Value);
        secret.Should().StartWith("ldg_").And.HaveLength(47);
        (await admin.GetPageAsync("/admin/tokens")).Should().NotContain(secret, "the secret is shown once only").And.Contain(secret[..12]);

        using var client = TokenClient(site, secret);
        (await client.GetAsync(new Uri("/api/orders", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await TokenIdAsync(admin, secret[..12]);
        var confirm = await admin.GetPageAsync($"/admin/tokens/{id}/revoke");
        confirm.Should().Contain("Revoke token " + secret[..12]);
        var revoked = await admin.PostFormAsync($"/admin/tokens/{id}/revoke", $"/admin/tokens/{id}/revoke", new Dictionary<string, string>());
        revoked.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var refused = await client.GetAsync(new Uri("/api/orders", UriKind.Relative));
        await ShouldBeUnauthorizedProblemAsync(refused);
        (await admin.GetPageAsync("/admin/tokens")).Should().Contain("Revoked");
    }

    [Fact]
    public async Task Token_WhenRevokedThroughTheApi_StopsWorking_AndListShowsWhenAndWho()
    {
        using var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        var secret = await CreateTokenAsync(site, "demo-provider", "Revoked through the API");
        using var client = TokenClient(site, secret);
        (await client.GetAsync(new Uri("/api/orders", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await TokenIdAsync(admin, secret[..12]);
        var token = await (await admin.GetAsync($"/api/admin/tokens/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        token.GetProperty("lastUsedAt").GetString().Should().NotBeNull("a use is recorded");
        token.GetProperty("revokedAt").ValueKind.Should().Be(JsonValueKind.Null);

        var deleted = await admin.Client.DeleteAsync(new Uri($"/api/admin/tokens/{id}", UriKind.Relative));
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await deleted.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("revokedBy").GetString().Should().Be("demo-admin");
        after.GetProperty("revokedAt").GetString().Should().NotBeNull();

        await ShouldBeUnauthorizedProblemAsync(await client.GetAsync(new Uri("/api/orders", UriKind.Relative)));
        (await admin.Client.DeleteAsync(new Uri($"/api/admin/tokens/{Guid.NewGuid()}", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Token_WhenItsUserIsLocked_IsRefused_AndWorksAgainOnceUnlocked()
    {
        var userName = await site.CreateUserAsync(LedgerRoles.InternalAuditor);
        var secret = await CreateTokenAsync(site, userName, "Auditor's script");
        using var client = TokenClient(site, secret);
        (await client.GetAsync(new Uri("/api/accounts", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        var page = $"/admin/users/edit/{userName}";
        (await admin.PostFormAsync(page, page + "?handler=Lock", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await ShouldBeUnauthorizedProblemAsync(await client.GetAsync(new Uri("/api/accounts", UriKind.Relative)));

        (await admin.PostFormAsync(page, page + "?handler=Unlock", new Dictionary<string, string>())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync(new Uri("/api/accounts", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Database_HoldsOnlyTheSecretsHash()
    {
        var secret = await CreateTokenAsync(site, "demo-provider", "Hash only");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={site.DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM ApiTokens";
        using var reader = await command.ExecuteReaderAsync();
        var cells = new List<string>();
        string? hash = null;
        while (await reader.ReadAsync())
        {
            var row = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToList();
            cells.AddRange(row);
            if (row[reader.GetOrdinal("Prefix")] == secret[..12])
            {
                hash = row[reader.GetOrdinal("SecretHash")];
            }
        }

        cells.Should().NotBeEmpty();
        var privatePart = secret[12..];
        cells.Should().NotContain(c => c.Contains(secret, StringComparison.Ordinal) || c.Contains(privatePart, StringComparison.Ordinal),
            "neither the secret nor its private part is stored");
        hash.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    }

    [Theory]
    [InlineData("ldg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-ledger-token")]
    [InlineData("WRONG-END")]
    public async Task WrongToken_Is401ProblemDetails(string token)
    {
        if (token == "WRONG-END")
        {
            var real = await CreateTokenAsync(site, "demo-provider", "Right prefix, wrong secret");
            token = real[..^1] + (real[^1] == 'A' ? 'B' : 'A');
        }

        using var client = TokenClient(site, token);
        await ShouldBeUnauthorizedProblemAsync(await client.GetAsync(new Uri("/api/orders", UriKind.Relative)));
    }

    [Fact]
    public async Task CreatingAToken_ForAnUnknownUserOrWithoutAName_IsRefused()
    {
        using var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        var unknown = await admin.Client.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { userName = "nobody-at-all", name = "x" });
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("UnknownUser");
        var unnamed = await admin.Client.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { userName = "demo-provider", name = "" });
        unnamed.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var page = await admin.PostFormAsync("/admin/tokens", "/admin/tokens", new Dictionary<string, string> { ["UserName"] = "nobody-at-all", ["Name"] = "x" });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("id=\"user-name-error\"").And.Contain("There is no user");
    }

    [Fact]
    public async Task Migration_AppliesOnPostgreSql_AndTokensWorkThere()
    {
        var admin = Environment.GetEnvironmentVariable("LEDGER_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=localhost;Port=5432;Username=ledger;Password=ledger;Database=postgres;Timeout=10";
        var name = $"ledger_web_test_{Guid.NewGuid():N}";
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when ((e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Skip($"PostgreSQL is not reachable ({e.Message}); set LEDGER_TEST_POSTGRES or start the server.");
        }

        try
        {
            var cs = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            await using var services = new ServiceCollection()
                .AddLedgerInfrastructure(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = cs })
                .BuildServiceProvider();
            await using (var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync())
            {
                await Migrator.MigrateAsync(db);
                db.Users.Add(new LedgerUser { Id = "u1", UserName = "system", NormalizedUserName = "SYSTEM", DisplayName = "System", AreaCode = "WESTMOOR" });
                await db.SaveChangesAsync();
            }

            var tokens = services.GetRequiredService<ApiTokenService>();
            var created = await tokens.CreateAsync(new Actor("pg-admin", ActorRole.Administrator, "WESTMOOR"), "system", "On PostgreSQL");
            created.Succeeded.Should().BeTrue();
            var match = await tokens.AuthenticateAsync(created.Value!.Secret);
            match.Should().Be(new ApiTokenMatch(created.Value.Token.Id, "u1"));
            await tokens.TouchAsync(match!.Id);
            (await tokens.RevokeAsync(new Actor("pg-admin", ActorRole.Administrator, "WESTMOOR"), match.Id)).Value!.IsRevoked.Should().BeTrue();
            (await tokens.AuthenticateAsync(created.Value.Secret)).Should().BeNull();
            var listed = await tokens.ListAsync(new Actor("pg-admin", ActorRole.Administrator, "WESTMOOR"), new PageRequest());
            listed.Value!.Items.Should().ContainSingle().Which.LastUsedAt.Should().NotBeNull();
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Creates a token through the admin API as demo-admin and returns its secret.</summary>
    internal static async Task<string> CreateTokenAsync(LedgerSite site, string userName, string name)
    {
        using var admin = site.Browser();
        await admin.SignInOrFailAsync("demo-admin");
        var response = await admin.Client.PostAsJsonAsync(new Uri("/api/admin/tokens", UriKind.Relative), new { userName, name });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("secret").GetString()!;
    }

    /// <summary>A client with no cookies that sends the token as a bearer.</summary>
    internal static HttpClient TokenClient(LedgerSite site, string secret)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    internal static async Task ShouldBeUnauthorizedProblemAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(401);
    }

    private static async Task<List<JsonElement>> AllOrdersAsync(HttpClient client)
    {
        var all = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync(new Uri($"/api/orders?page={page}&pageSize=100", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            all.AddRange(body.GetProperty("items").EnumerateArray());
            if (page >= body.GetProperty("pages").GetInt32())
            {
                return all;
            }
        }
    }

    private static async Task<Guid> TokenIdAsync(Browser admin, string prefix)
    {
        var list = await (await admin.GetAsync("/api/admin/tokens?pageSize=100")).Content.ReadFromJsonAsync<JsonElement>();
        return list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("prefix").GetString() == prefix).GetProperty("id").GetGuid();
    }

    [GeneratedRegex("id=\"new-token\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewTokenPattern();
}
