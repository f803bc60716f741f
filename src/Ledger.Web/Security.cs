using System.Threading.RateLimiting;

namespace Ledger.Web;

/// <summary>Hardening settings (<c>Ledger:Security</c>): how many attempts a client address may make a minute.</summary>
public sealed class SecuritySettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger:Security";

    /// <summary>Sign-in form posts per client address per minute; the account lockout stops guessing at one account, this at many.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>API token requests (issuing or revoking one) per client address per minute.</summary>
    public int TokenPermitsPerMinute { get; set; } = 10;

    /// <summary>Requests that present an API token, per client address per minute: bounds guessing and a runaway client.</summary>
    public int BearerPermitsPerMinute { get; set; } = 6000;
}

/// <summary>
/// Security headers on every response, HSTS outside development, and rate limits on signing in and on API tokens
/// (issue 9). The content security policy allows scripts, styles, fonts and images from Ledger itself only:
/// the pages have no inline script or style (the layout's start-up scripts are files under /js).
/// </summary>
internal static class Security
{
    /// <summary>The policy for every page and API answer.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void AddLedgerSecurity(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SecuritySettings.Section).Get<SecuritySettings>() ?? new SecuritySettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Ledger.Antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Authentication.SecurePolicy(builder.Environment);
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
                    detail: "Too many attempts from your network in the last minute. Wait a minute and try again.").ExecuteAsync(context.HttpContext);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context.Request) switch
            {
                Limit.SignIn => PerAddress(context, "sign-in", settings.SignInPermitsPerMinute),
                Limit.Tokens => PerAddress(context, "tokens", settings.TokenPermitsPerMinute),
                Limit.Bearer => PerAddress(context, "bearer", settings.BearerPermitsPerMinute),
                _ => RateLimitPartition.GetNoLimiter("none"),
            });
        });
    }

    /// <summary>Headers first (so refusals carry them too), HSTS outside development, then the limits.</summary>
    public static void UseLedgerSecurity(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                // Hangfire's dashboard is its own application with inline scripts: it gets frame options, not the policy.
                if (!context.Request.Path.StartsWithSegments(Jobs.DashboardPath))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            await next(context).ConfigureAwait(false);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRateLimiter();
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string what, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            what + ":" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permitsPerMinute),
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>Which limit a request counts against: signing in, issuing or revoking tokens (page or API), or presenting a token.</summary>
    internal static Limit Limited(HttpRequest request)
    {
        var writes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (writes && request.Path.StartsWithSegments("/sign-in"))
        {
            return Limit.SignIn;
        }

        if (writes && (request.Path.StartsWithSegments("/api/admin/tokens") || request.Path.StartsWithSegments("/admin/tokens")))
        {
            return Limit.Tokens;
        }

        return request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Limit.Bearer : Limit.None;
    }

    /// <summary>The rate limits.</summary>
    internal enum Limit
    {
        None,
        SignIn,
        Tokens,
        Bearer,
    }
}
