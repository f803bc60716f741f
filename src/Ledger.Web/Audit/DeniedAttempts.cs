using Ledger.Application.Audit;

namespace Ledger.Web.Audit;

/// <summary>
/// Records every refused request in the audit trail (issue 9): a request nobody signed in for (401, or a page's
/// redirect to the sign-in form), a role that may not (403, or a page's redirect to the access-denied page), and
/// a signed-in request for a record by its reference that answered 404 — Ledger answers "not found" for another
/// area's or another person's record as for one that does not exist, so as not to say it exists, and the audit
/// trail cannot tell the two apart either. Runs after authentication (it knows the user) and before
/// authorisation (whose refusals it must see). The entry is written before the response starts, so a client
/// that has its answer can find the record.
/// </summary>
internal static partial class DeniedAttempts
{
    public static IApplicationBuilder UseDeniedAttemptAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() => RecordIfRefusedAsync(context));
            await next(context).ConfigureAwait(false);
        });

    /// <summary>Why the response refuses the request, or null when it does not.</summary>
    internal static string? Refusal(HttpContext context)
    {
        var response = context.Response;
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        switch (response.StatusCode)
        {
            case StatusCodes.Status401Unauthorized:
                return "401: not signed in";
            case StatusCodes.Status403Forbidden:
                return "403: the role may not";
            case StatusCodes.Status302Found or StatusCodes.Status303SeeOther:
                var location = response.Headers.Location.ToString();
                return location.Contains("/access-denied", StringComparison.OrdinalIgnoreCase) ? "302: the role may not (access-denied page)"
                    : !signedIn && location.Contains("/sign-in?", StringComparison.OrdinalIgnoreCase) ? "302: not signed in (sign-in page)"
                    : null;
            case StatusCodes.Status404NotFound when signedIn && context.GetEndpoint() is not null && HasReference(context):
                return "404: not found, or not theirs to see";
            default:
                return null;
        }
    }

    // A route value other than the page's own name: the request named a record.
    private static bool HasReference(HttpContext context) =>
        context.Request.RouteValues.Any(v => v.Key is not ("page" or "handler") && v.Value is not null);

    private static async Task RecordIfRefusedAsync(HttpContext context)
    {
        if (Refusal(context) is not { } why)
        {
            return;
        }

        var what = $"{context.Request.Method} {context.Request.Path}";
        try
        {
            await context.RequestServices.GetRequiredService<AuditTrail>()
                .RecordDeniedAsync(AuditContextMiddleware.ActorFor(context), what, why, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.Data.Common.DbException
                                      or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // The refusal stands whether or not it could be recorded; the failure to record it is logged for the operators.
            LogNotRecorded(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeniedAttempts)), what, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused request ({What}) could not be recorded in the audit trail: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string what, string error);
}
