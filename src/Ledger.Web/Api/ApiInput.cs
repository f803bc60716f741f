using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Api;

/// <summary>Reads API request bodies so that malformed or oversized JSON is a 400 ProblemDetails, never a 500.</summary>
internal static class ApiInput
{
    /// <summary>The largest JSON body the API reads.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    /// <summary>The body as <typeparamref name="T"/>, or the problem to answer with.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Send the request body as application/json."));
        }

        if (request.ContentLength > MaxJsonBytes)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, $"A request body is at most {MaxJsonBytes / 1024} KB."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, ct);
            return value is null ? (null, ApiProblems.BadInput("The request body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblems.BadInput($"The request body is not valid JSON for this request: {e.Message}"));
        }
    }

    /// <summary>Reads the body as <typeparamref name="T"/> and answers with <paramref name="then"/>, or with the problem reading it.</summary>
    public static async Task<IResult> WithBodyAsync<T>(HttpRequest request, Func<T, Task<IResult>> then, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(then);
        var (body, problem) = await ReadAsync<T>(request, ct);
        return problem ?? await then(body!);
    }

    /// <summary>
    /// The page asked for by the <c>page</c> and <c>pageSize</c> query values (1 and the default size when
    /// absent); false when either is not a whole number. The range is checked by the application.
    /// </summary>
    public static bool TryPage(string? page, string? pageSize, out Application.Access.PageRequest request)
    {
        request = new Application.Access.PageRequest();
        if (!TryNumber(page, 1, out var number) || !TryNumber(pageSize, Application.Access.PageRequest.DefaultSize, out var size))
        {
            return false;
        }

        request = new Application.Access.PageRequest(number, size);
        return true;

        static bool TryNumber(string? text, int fallback, out int value)
        {
            value = fallback;
            return text is null || int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>A date written yyyy-MM-dd, or null when it is absent; false when it is present and not a date.</summary>
    public static bool TryDate(string? text, out LocalDate? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        date = parsed.Success ? parsed.Value : null;
        return parsed.Success;
    }

    private static IResult Problem(int status, string detail) =>
        Results.Problem(title: nameof(Domain.Budgets.BudgetErrorCode.InvalidRequest), detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = nameof(Domain.Budgets.BudgetErrorCode.InvalidRequest) });
}
