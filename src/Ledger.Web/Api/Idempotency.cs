using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Budgets;
using Ledger.Infrastructure.Idempotency;

namespace Ledger.Web.Api;

/// <summary>Turns the <c>Idempotency-Key</c> header into the domain's idempotency key (R25).</summary>
internal static class IdempotencyKeys
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The header a replayed response carries.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// The key a domain service (e.g. <c>PurchasingService.PlaceOrderAsync</c>) is given for a request by
    /// <paramref name="userName"/> carrying <paramref name="header"/>: keys are per user, so two users' keys never meet.
    /// </summary>
    public static string For(string userName, string header) => $"api:{userName}:{header}";

    /// <summary>The request's key for a domain service, or null when it carries no <c>Idempotency-Key</c>.</summary>
    public static string? For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.Name is { } user && context.Request.Headers[Header] is { Count: 1 } values && !string.IsNullOrWhiteSpace(values[0])
            ? For(user, values[0]!.Trim())
            : null;
    }

    /// <summary>Whether a header's value can be a key: not blank, at most 100 characters.</summary>
    public static bool IsValid(string? key) => !string.IsNullOrWhiteSpace(key) && key.Trim().Length <= ApiIdempotencyRecord.MaxKey;
}

/// <summary>
/// Honours <c>Idempotency-Key</c> on every POST under <c>/api</c> (R25). The first request with a key runs and
/// its response (2xx or 4xx) is stored with the request's fingerprint (method, path, SHA-256 of the body);
/// the same request again gets the stored response, marked <c>Idempotent-Replayed: true</c>, without the
/// handler running; the key with a different request is 422 <c>IdempotencyKeyReused</c>; while the first
/// request runs, 409 <c>IdempotencyKeyInFlight</c>. A failure (5xx or an exception) is not stored, so the
/// request can be retried. Keys are per signed-in user; requests without the header pass through.
/// </summary>
internal static class Idempotency
{
    private const int MaxFingerprint = 600;

    public static IApplicationBuilder UseApiIdempotency(this IApplicationBuilder app) => app.Use(HandleAsync);

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values) || context.User.Identity?.Name is not { } user)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (values.Count != 1 || !IdempotencyKeys.IsValid(values[0]))
        {
            await ApiProblems.BadInput($"{IdempotencyKeys.Header} must be one value of 1 to {ApiIdempotencyRecord.MaxKey} characters.").ExecuteAsync(context)
                .ConfigureAwait(false);
            return;
        }

        var key = values[0]!.Trim();
        var ct = context.RequestAborted;
        var store = context.RequestServices.GetRequiredService<ApiIdempotencyStore>();
        var fingerprint = await FingerprintAsync(context.Request, ct).ConfigureAwait(false);
        var (claim, stored) = await store.ClaimAsync(user, key, fingerprint, ct).ConfigureAwait(false);
        switch (claim)
        {
            case KeyClaim.Reused:
                await Problem(BudgetErrorCode.IdempotencyKeyReused, "This Idempotency-Key was used for a different request; use a new key for a new request.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            case KeyClaim.InFlight:
                await Problem(BudgetErrorCode.IdempotencyKeyInFlight, "A request with this Idempotency-Key is still running; try again shortly.")
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            case KeyClaim.Replay:
                context.Response.StatusCode = stored!.Status!.Value;
                context.Response.ContentType = stored.ContentType;
                context.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
                await context.Response.Body.WriteAsync(stored.Body ?? [], ct).ConfigureAwait(false);
                return;
        }

        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var completed = false;
        try
        {
            await next(context).ConfigureAwait(false);
            var status = context.Response.StatusCode;
            if (status is >= 200 and < 300 or >= 400 and < 500)
            {
                await store.CompleteAsync(user, key, status, context.Response.ContentType, captured.ToArray(), CancellationToken.None).ConfigureAwait(false);
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!completed)
            {
                // A failure is not remembered: the same request may be tried again.
                await store.ReleaseAsync(user, key, CancellationToken.None).ConfigureAwait(false);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, ct).ConfigureAwait(false);
    }

    private static IResult Problem(BudgetErrorCode code, string detail) => ApiProblems.From(new BudgetError(code, detail));

    // Method, path and the SHA-256 of the body: the same request gives the same fingerprint.
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, ct).ConfigureAwait(false);
        request.Body.Position = 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{request.Method} {request.Path}{request.QueryString} {Convert.ToHexStringLower(hash)}");
        return text.Length <= MaxFingerprint ? text : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
