using Ledger.Infrastructure.Identity;
using Ledger.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Ledger.Web;

/// <summary>The authorisation policies pages and endpoints ask for.</summary>
internal static class Policies
{
    /// <summary>
    /// Account balances: budget holders and internal auditors, each for their own area. Not administrators:
    /// the balances include children's budgets, and an administrator sees no child's money (DOMAIN.md §2).
    /// </summary>
    public const string Balances = "Balances";

    /// <summary>Hangfire's dashboard, which shows every area's jobs: administrators only (<see cref="Jobs.StaffOnly"/> checks again). Budget holders read their own area's jobs on /background-jobs.</summary>
    public const string JobsDashboard = "JobsDashboard";

    /// <summary>Users, roles and API tokens: administrators only (the application checks again, <c>AccessRules.MayAdministerUsers</c>).</summary>
    public const string Administration = "Administration";
}

/// <summary>Optional sign-in through a council's OpenID Connect identity provider (<c>Ledger:Authentication:OpenIdConnect</c>).</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger:Authentication:OpenIdConnect";

    /// <summary>The authentication scheme's name, also the login provider recorded against a linked user.</summary>
    public const string Scheme = "oidc";

    /// <summary>The identity provider's issuer URL, e.g. https://login.example.gov.uk/realms/council.</summary>
    public string? Authority { get; set; }

    /// <summary>Ledger's client id at the identity provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>Ledger's client secret, if the identity provider issued one (keep it out of appsettings.json).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button's text on the sign-in page.</summary>
    public string DisplayName { get; set; } = "your council account";

    /// <summary>The claim whose value is a Ledger user name; it links the person to their Ledger account on first sign-in.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>Whether the identity provider's metadata must come over HTTPS (turn off only for a local test provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether both an authority and a client id are set: only then is the scheme added.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Accounts, the sign-in cookie, the policies and the optional OpenID Connect scheme.</summary>
internal static class Authentication
{
    /// <summary>How many wrong passwords in a row lock an account.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public static void AddLedgerAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<LedgerUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutPeriod;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // Long passwords over composition rules (NCSC password guidance); the demo password meets both.
                o.Password.RequiredLength = 12;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<LedgerDbContext>()
            .AddClaimsPrincipalFactory<LedgerUserClaimsPrincipalFactory>();
        // Needs Identity's UserManager, which only a host with sign-in has: registered here, not with the infrastructure.
        services.AddScoped<UserAdministration>();

        // /api takes the sign-in cookie or an API token (Authorization: Bearer ldg_…); pages take the cookie only.
        services.AddApiTokenAuthentication();

        // The stamp is checked on every request, so signing out, a lock or a changed role applies at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "Ledger.SignIn";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure outside development: the cookie never travels over plain HTTP. Development serves http://localhost.
            o.Cookie.SecurePolicy = SecurePolicy(builder.Environment);
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(1);
            o.SlidingExpiration = true;
            // A program calling the API wants a status code, not a redirect to an HTML form.
            o.Events.OnRedirectToLogin = context => RefuseApiOrRedirect(context, StatusCodes.Status401Unauthorized, "Sign in first.");
            o.Events.OnRedirectToAccessDenied = context => RefuseApiOrRedirect(context, StatusCodes.Status403Forbidden, "Your role may not use this.");
        });

        services.ConfigureExternalCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = SecurePolicy(builder.Environment);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Balances, p => p.RequireRole(LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor)
                .RequireClaim(LedgerClaimTypes.Area))
            .AddPolicy(Policies.JobsDashboard, p => p.RequireRole(LedgerRoles.Administrator))
            .AddPolicy(Policies.Administration, p => p.RequireRole(LedgerRoles.Administrator));

        var oidc = builder.Configuration.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        services.AddSingleton(oidc);
        if (oidc.IsConfigured)
        {
            services.AddAuthentication().AddOpenIdConnect(OpenIdConnectSettings.Scheme, oidc.DisplayName, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                // The identity provider only proves who the person is; Identity's external cookie carries
                // that to the sign-in page, which finds the Ledger account (and its role) to sign in as.
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.MapInboundClaims = false;
                o.Scope.Add("profile");
            });
        }
    }

    /// <summary>Cookies are marked Secure except in development, which serves plain http://localhost.</summary>
    public static CookieSecurePolicy SecurePolicy(IWebHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    private static Task RefuseApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
