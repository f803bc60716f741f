using System.Text.Encodings.Web;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ledger.Web;

/// <summary>
/// Signs in a program calling the API with <c>Authorization: Bearer ldg_…</c> as the token's user, with
/// exactly the claims a cookie sign-in gives (<see cref="LedgerUserClaimsPrincipalFactory"/>), so every
/// access rule applies unchanged. Unknown and revoked tokens, and tokens of locked users, are refused with a
/// 401 ProblemDetails. Only <c>/api</c> requests ever reach this scheme (<see cref="ApiTokenAuthentication.SelectScheme"/>).
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokenService tokens, UserManager<LedgerUser> users, IUserClaimsPrincipalFactory<LedgerUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.BearerToken(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (await tokens.AuthenticateAsync(presented, Context.RequestAborted) is not { } match)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }

        var user = await users.FindByIdAsync(match.UserId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The API token's user is locked.");
        }

        var principal = await principals.CreateAsync(user);
        await tokens.TouchAsync(match.Id, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
            detail: "Send a working API token as 'Authorization: Bearer ldg_…', or sign in.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Your role may not use this.").ExecuteAsync(Context);
}

/// <summary>The API token scheme and the policy scheme that picks, per request, between it and the sign-in cookie.</summary>
internal static class ApiTokenAuthentication
{
    /// <summary>The bearer-token scheme.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>The default scheme: the API token for <c>/api</c> requests that carry one, else the sign-in cookie.</summary>
    public const string CookieOrToken = "CookieOrApiToken";

    /// <summary>Adds both schemes and makes the policy scheme the default for authenticating, challenging and forbidding.</summary>
    public static void AddApiTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultAuthenticateScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
                o.DefaultForbidScheme = CookieOrToken;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(Scheme, "API token", _ => { })
            .AddPolicyScheme(CookieOrToken, "Sign-in cookie or API token", o => o.ForwardDefaultSelector = SelectScheme);
    }

    /// <summary>
    /// A bearer token counts only on <c>/api</c>; pages use the cookie alone, so a token never opens a page.
    /// </summary>
    public static string SelectScheme(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") && BearerToken(context.Request) is not null ? Scheme : IdentityConstants.ApplicationScheme;

    /// <summary>The token after <c>Bearer </c> in the Authorization header, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
