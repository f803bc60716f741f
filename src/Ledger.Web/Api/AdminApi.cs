using System.Security.Claims;
using System.Text.Json;
using Ledger.Application.Access;
using Ledger.Infrastructure.Identity;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Api;

/// <summary>
/// Administrators' JSON API: the users (<c>GET /api/admin/users</c>) and the API tokens of providers' systems
/// (<c>GET/POST /api/admin/tokens</c>, <c>GET/DELETE /api/admin/tokens/{id}</c>). The secret of a new token is
/// in the creation's answer only; it is never stored. Every error is ProblemDetails with the domain's code.
/// </summary>
internal static class AdminApi
{
    public static void MapAdminApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Administration).WithTags("Administration");
        admin.MapGet("/users", async (ClaimsPrincipal user, UserAdministration users, string? page, string? pageSize, CancellationToken ct) =>
            {
                if (CurrentUser.From(user)?.ToActor() is not { } actor)
                {
                    return Results.Forbid();
                }

                if (ReadPage(page, pageSize) is not { } request)
                {
                    return ApiProblems.BadInput("page and pageSize are whole numbers.");
                }

                var result = await users.ListAsync(actor, request, ct);
                return result.Succeeded
                    ? Results.Ok(new Paged<UserJson>(result.Value!.Items.Select(UserJson.From).ToList(), result.Value.Number, result.Value.Size, result.Value.Total,
                        result.Value.Pages))
                    : ApiProblems.From(result.Error!);
            })
            .WithName("ListUsers").WithSummary("The users who sign in, with role, area, codes and whether locked (administrators).")
            .Produces<Paged<UserJson>>();

        admin.MapGet("/tokens", async (ClaimsPrincipal user, ApiTokenService tokens, string? page, string? pageSize, CancellationToken ct) =>
            {
                if (CurrentUser.From(user)?.ToActor() is not { } actor)
                {
                    return Results.Forbid();
                }

                if (ReadPage(page, pageSize) is not { } request)
                {
                    return ApiProblems.BadInput("page and pageSize are whole numbers.");
                }

                var result = await tokens.ListAsync(actor, request, ct);
                return result.Succeeded
                    ? Results.Ok(new Paged<TokenJson>(result.Value!.Items.Select(TokenJson.From).ToList(), result.Value.Number, result.Value.Size, result.Value.Total,
                        result.Value.Pages))
                    : ApiProblems.From(result.Error!);
            })
            .WithName("ListApiTokens").WithSummary("The API tokens, newest first: prefix, user, created, last used, revoked (administrators).")
            .Produces<Paged<TokenJson>>();

        admin.MapGet("/tokens/{id:guid}", async (ClaimsPrincipal user, ApiTokenService tokens, Guid id, CancellationToken ct) =>
            {
                if (CurrentUser.From(user)?.ToActor() is not { } actor)
                {
                    return Results.Forbid();
                }

                var result = await tokens.FindAsync(actor, id, ct);
                return result.Succeeded ? Results.Ok(TokenJson.From(result.Value!)) : ApiProblems.From(result.Error!);
            })
            .WithName("GetApiToken").WithSummary("One API token (never its secret).")
            .Produces<TokenJson>();

        admin.MapPost("/tokens", async (ClaimsPrincipal user, ApiTokenService tokens, HttpRequest request, CancellationToken ct) =>
            {
                if (CurrentUser.From(user)?.ToActor() is not { } actor)
                {
                    return Results.Forbid();
                }

                NewTokenJson? body;
                try
                {
                    body = await request.ReadFromJsonAsync<NewTokenJson>(ct);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
                {
                    return ApiProblems.BadInput("Send JSON: { \"userName\": \"…\", \"name\": \"…\" }.");
                }

                if (body is null)
                {
                    return ApiProblems.BadInput("Send JSON: { \"userName\": \"…\", \"name\": \"…\" }.");
                }

                var result = await tokens.CreateAsync(actor, body.UserName, body.Name, ct);
                if (!result.Succeeded)
                {
                    return ApiProblems.From(result.Error!);
                }

                var created = result.Value!;
                return Results.Created($"/api/admin/tokens/{created.Token.Id}", new CreatedTokenJson(TokenJson.From(created.Token), created.Secret));
            })
            .WithName("CreateApiToken")
            .WithSummary("Creates an API token for a user; the answer carries the secret, shown this once and never stored.")
            .Accepts<NewTokenJson>("application/json")
            .Produces<CreatedTokenJson>(StatusCodes.Status201Created);

        admin.MapDelete("/tokens/{id:guid}", async (ClaimsPrincipal user, ApiTokenService tokens, Guid id, CancellationToken ct) =>
            {
                if (CurrentUser.From(user)?.ToActor() is not { } actor)
                {
                    return Results.Forbid();
                }

                var result = await tokens.RevokeAsync(actor, id, ct);
                return result.Succeeded ? Results.Ok(TokenJson.From(result.Value!)) : ApiProblems.From(result.Error!);
            })
            .WithName("RevokeApiToken").WithSummary("Revokes an API token: it stops working at once.")
            .Produces<TokenJson>();
    }

    private static PageRequest? ReadPage(string? page, string? pageSize) =>
        ApiInput.TryPage(page, pageSize, out var paging) ? paging : null;


    private static string? Iso(Instant? instant) => instant is { } i ? InstantPattern.General.Format(i) : null;

    /// <summary>A page of a list.</summary>
    public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, int Pages);

    /// <summary>A user as the API shows them.</summary>
    public sealed record UserJson(string UserName, string DisplayName, string Role, string Area, string? PractitionerCode, string? ProviderCode, bool Locked)
    {
        public static UserJson From(UserSummary u)
        {
            ArgumentNullException.ThrowIfNull(u);
            return new(u.UserName, u.DisplayName, u.Role, u.AreaCode, u.PractitionerCode, u.ProviderCode, u.IsLocked);
        }
    }

    /// <summary>What to create a token for.</summary>
    public sealed record NewTokenJson(string? UserName, string? Name);

    /// <summary>An API token as the API shows it; times in ISO 8601 UTC.</summary>
    public sealed record TokenJson(Guid Id, string Name, string Prefix, string UserName, string Area, string CreatedAt, string CreatedBy, string? LastUsedAt,
        string? RevokedAt, string? RevokedBy)
    {
        public static TokenJson From(ApiTokenView t)
        {
            ArgumentNullException.ThrowIfNull(t);
            return new(t.Id, t.Name, t.Prefix, t.UserName, t.AreaCode, Iso(t.CreatedAt)!, t.CreatedBy, Iso(t.LastUsedAt), Iso(t.RevokedAt), t.RevokedBy);
        }
    }

    /// <summary>A token just created, with its secret (shown this once).</summary>
    public sealed record CreatedTokenJson(TokenJson Token, string Secret);
}
