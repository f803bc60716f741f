using Ledger.Domain.Budgets;

namespace Ledger.Web.Api;

/// <summary>How the API reports a refusal: RFC 9457 ProblemDetails carrying the domain's stable error code.</summary>
internal static class ApiProblems
{
    /// <summary>The HTTP status for a domain error code: unknown things 404, not allowed 403, bad input 400, a conflict with the state 409.</summary>
    public static int StatusFor(BudgetErrorCode code) => code switch
    {
        BudgetErrorCode.UnknownArea or BudgetErrorCode.UnknownAgency or BudgetErrorCode.UnknownStream or BudgetErrorCode.UnknownPool
            or BudgetErrorCode.UnknownSubject or BudgetErrorCode.UnknownPractitioner or BudgetErrorCode.UnknownAssessment or BudgetErrorCode.UnknownProvider
            or BudgetErrorCode.UnknownService or BudgetErrorCode.UnknownBudget or BudgetErrorCode.UnknownOrder or BudgetErrorCode.UnknownContract
            or BudgetErrorCode.UnknownOutcome or BudgetErrorCode.UnknownUser or BudgetErrorCode.UnknownApiToken => StatusCodes.Status404NotFound,
        BudgetErrorCode.UnknownClaim or BudgetErrorCode.UnknownSample or BudgetErrorCode.UnknownSpotCheck => StatusCodes.Status404NotFound,
        BudgetErrorCode.EvidenceTooLarge => StatusCodes.Status413PayloadTooLarge,
        BudgetErrorCode.EvidenceTypeNotAllowed or BudgetErrorCode.InvalidSample => StatusCodes.Status400BadRequest,
        BudgetErrorCode.NotPermitted or BudgetErrorCode.SelfApproval or BudgetErrorCode.NotOnCaseload => StatusCodes.Status403Forbidden,
        BudgetErrorCode.InvalidRequest or BudgetErrorCode.InvalidAmount or BudgetErrorCode.InvalidQuantity or BudgetErrorCode.InvalidDates
            or BudgetErrorCode.ReasonRequired or BudgetErrorCode.NegativePoints => StatusCodes.Status400BadRequest,
        BudgetErrorCode.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>A ProblemDetails result for a domain error, with its code as <c>code</c>.</summary>
    public static IResult From(BudgetError error) =>
        Results.Problem(title: error.Code.ToString(), detail: error.Message, statusCode: StatusFor(error.Code),
            extensions: new Dictionary<string, object?> { ["code"] = error.Code.ToString() });

    /// <summary>A 400 ProblemDetails for input the API could not read.</summary>
    public static IResult BadInput(string detail) =>
        Results.Problem(title: nameof(BudgetErrorCode.InvalidRequest), detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = nameof(BudgetErrorCode.InvalidRequest) });
}
