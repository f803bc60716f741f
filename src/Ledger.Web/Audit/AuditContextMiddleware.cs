using Ledger.Application.Audit;

namespace Ledger.Web.Audit;

/// <summary>
/// Tells the audit trail who is behind each request: the signed-in user (name, role, area) and the
/// client's address, or <c>anonymous</c> before sign-in. Runs after authentication, so it knows the user.
/// </summary>
internal static class AuditContextMiddleware
{
    /// <summary>The user name recorded for requests nobody is signed in for.</summary>
    public const string Anonymous = "anonymous";

    public static IApplicationBuilder UseAuditContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (AuditContext.Begin(ActorFor(context)))
            {
                await next(context).ConfigureAwait(false);
            }
        });

    /// <summary>The audit trail's view of the request's user.</summary>
    public static AuditActor ActorFor(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        return CurrentUser.From(context.User) is { } user
            ? new AuditActor(user.UserName, user.Role, user.AreaCode.Length == 0 ? null : user.AreaCode, address)
            : new AuditActor(Anonymous, Anonymous, null, address);
    }
}
