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
