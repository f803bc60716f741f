using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Ledger.Application.Access;
using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.Features;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Web.Api;

/// <summary>
/// Outcome claims, assurance samples and remittances as JSON, on <see cref="ClaimsWorkspace"/> so the
/// application's access rules decide what each user sees and does: a provider's users draft, evidence and
/// submit claims and read their remittances; internal audit signs off, samples and records findings; budget
/// holders approve and reject. Every error is ProblemDetails with the domain's code, never a 500.
/// </summary>
internal static class ClaimsApi
{
    /// <summary>Room for the multipart framing and the form's other fields around the largest evidence file.</summary>
    public const long UploadOverheadBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapClaimsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        string[] readers = [LedgerRoles.Provider, LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor];
        string[] checkers = [LedgerRoles.BudgetHolder, LedgerRoles.InternalAuditor];

        api.MapGet("/claims", async (HttpContext http, ClaimsWorkspace claims, string? page, string? pageSize, string? status, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            if (!ApiInput.TryPage(page, pageSize, out var paging))
            {
                return ApiProblems.BadInput("page and pageSize are whole numbers.");
            }

            if (!TryStatuses(status, out var statuses))
            {
                return ApiProblems.BadInput($"status is one or more of {string.Join(", ", Enum.GetNames<ClaimStatus>())}, separated by commas.");
            }

            var result = await claims.ClaimsAsync(actor, paging, statuses, ct);
            return result.Succeeded
                ? Results.Ok(new ClaimPage(result.Value!.Items.Select(v => ClaimJson.From(v)).ToList(), result.Value.Number, result.Value.Size, result.Value.Total,
                    result.Value.Pages))
                : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(readers));

        api.MapGet("/claims/contracts", async (HttpContext http, ClaimsWorkspace claims, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.ContractsAsync(actor, ct);
            return result.Succeeded ? Results.Ok(result.Value) : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.Provider));

        api.MapGet("/claims/{reference}", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
            Actor(http) is { } actor ? Answer(await claims.ClaimAsync(actor, reference, ct)) : Results.Forbid())
            .RequireAuthorization(p => p.RequireRole(readers));

        api.MapGet("/claims/{reference}/evidence/{sha256}", async (HttpContext http, ClaimsWorkspace claims, string reference, string sha256, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.EvidenceAsync(actor, reference, sha256, ct);
            if (!result.Succeeded)
            {
                return ApiProblems.From(result.Error!);
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(result.Value.Content, result.Value.File.ContentType, result.Value.File.FileName);
        }).RequireAuthorization(p => p.RequireRole(readers));

        api.MapGet("/claims/{reference}/bundle", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.BundleAsync(actor, reference, ct);
            return result.Succeeded ? Results.Ok(BundleJson.From(result.Value!)) : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(checkers));

        api.MapPost("/claims", async (HttpContext http, ClaimsWorkspace claims, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var body = await ReadAsync<NewClaimBody>(http.Request, ct);
            if (body is null)
            {
                return ApiProblems.BadInput("Send a JSON object: {\"contract\", \"subject\", \"outcome\", \"sustainment\" (optional), \"achievedOn\" (yyyy-MM-dd)}.");
            }

            if (string.IsNullOrWhiteSpace(body.Contract) || string.IsNullOrWhiteSpace(body.Subject) || string.IsNullOrWhiteSpace(body.Outcome))
            {
                return ApiProblems.BadInput("contract, subject and outcome are required.");
            }

            if (!TryDate(body.AchievedOn, out var achievedOn))
            {
                return ApiProblems.BadInput("achievedOn is required, as a date yyyy-MM-dd.");
            }

            // Keys are the caller's own (IdempotencyKeys prefixes the user name), so one user's key can never replay another's claim;
            // the middleware has already refused a header that is blank or longer than its limit.
            var key = IdempotencyKeys.For(http) ?? IdempotencyKeys.For(actor.UserName, Guid.NewGuid().ToString("N"));
            var result = await claims.DraftAsync(actor, new NewClaim(body.Contract, body.Subject, body.Outcome, body.Sustainment, achievedOn), key, ct);
            return result.Succeeded
                ? Results.Created($"/api/claims/{result.Value!.Claim.Reference}", ClaimJson.From(result.Value))
                : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.Provider));

        api.MapPost("/claims/{reference}/evidence", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var limit = claims.EvidenceMaxBytes + UploadOverheadBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            {
                sizeFeature.MaxRequestBodySize = limit;
            }

            if (http.Request.ContentLength > limit)
            {
                return TooLarge(claims.EvidenceMaxBytes);
            }

            if (!http.Request.HasFormContentType)
            {
                return ApiProblems.BadInput("Send the evidence as multipart/form-data with the fields file, purpose and describes.");
            }

            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = 4096 }, ct);
            }
            catch (InvalidDataException)
            {
                return TooLarge(claims.EvidenceMaxBytes);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(claims.EvidenceMaxBytes);
            }
            catch (BadHttpRequestException)
            {
                return ApiProblems.BadInput("The form could not be read.");
            }
            catch (IOException)
            {
                // A multipart body that ends before its closing boundary (found by the upload fuzz: a 500 before).
                return ApiProblems.BadInput("The form could not be read: it ended too soon.");
            }

            if (form.Files.GetFile("file") is not { } file)
            {
                return ApiProblems.BadInput("Attach the evidence as the form field 'file'.");
            }

            if (!Enum.TryParse<EvidencePurpose>(form["purpose"].ToString(), ignoreCase: true, out var purpose) || !Enum.IsDefined(purpose)
                || int.TryParse(form["purpose"].ToString(), CultureInfo.InvariantCulture, out _))
            {
                return ApiProblems.BadInput($"purpose is one of {string.Join(", ", Enum.GetNames<EvidencePurpose>())}.");
            }

            if (file.Length > claims.EvidenceMaxBytes)
            {
                return TooLarge(claims.EvidenceMaxBytes);
            }

            var content = await ReadFileAsync(file, ct);
            var result = await claims.AttachEvidenceAsync(actor, reference, new NewEvidence(form["describes"].ToString(), purpose, file.FileName, content), ct);
            return result.Succeeded
                ? Results.Created($"/api/claims/{reference}", EvidenceJson.From(result.Value!))
                : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.Provider)).DisableAntiforgery();

        api.MapPost("/claims/{reference}/submit", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
            Actor(http) is { } actor ? Answer(await claims.SubmitAsync(actor, reference, ct)) : Results.Forbid())
            .RequireAuthorization(p => p.RequireRole(LedgerRoles.Provider));

        api.MapPost("/claims/{reference}/sign-off", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
            Actor(http) is { } actor ? Answer(await claims.SignOffAsync(actor, reference, ct)) : Results.Forbid())
            .RequireAuthorization(p => p.RequireRole(LedgerRoles.InternalAuditor));

        api.MapPost("/claims/{reference}/approve", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
            Actor(http) is { } actor ? Answer(await claims.ApproveAsync(actor, reference, ct)) : Results.Forbid())
            .RequireAuthorization(p => p.RequireRole(LedgerRoles.BudgetHolder));

        api.MapPost("/claims/{reference}/reject", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var body = await ReadAsync<ReasonBody>(http.Request, ct);
            return body is null
                ? ApiProblems.BadInput("Send a JSON object: {\"reason\"}.")
                : Answer(await claims.RejectAsync(actor, reference, body.Reason ?? string.Empty, ct));
        }).RequireAuthorization(p => p.RequireRole(checkers));

        api.MapGet("/samples", async (HttpContext http, ClaimsWorkspace claims, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.SamplesAsync(actor, ct);
            return result.Succeeded ? Results.Ok(result.Value!.Select(SampleJson.Of).ToList()) : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(checkers));

        api.MapGet("/samples/{reference}", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.SampleAsync(actor, reference, ct);
            return result.Succeeded ? Results.Ok(SampleViewJson.From(result.Value!)) : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(checkers));

        api.MapPost("/samples", async (HttpContext http, ClaimsWorkspace claims, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var body = await ReadAsync<SampleBody>(http.Request, ct);
            if (body is null || !TryDate(body.From, out var first) || !TryDate(body.To, out var last) || body.Percent is not { } percent || body.Seed is not { } seed)
            {
                return ApiProblems.BadInput("Send a JSON object: {\"from\", \"to\" (yyyy-MM-dd), \"percent\", \"seed\", and optionally \"threshold\" (\"123.45\"), "
                    + "\"volumeFactor\", \"invalidRatePercent\"}.");
            }

            Money? threshold = null;
            if (body.Threshold is { Length: > 0 } t)
            {
                if (!Money.TryParse(t, out var parsed))
                {
                    return ApiProblems.BadInput("threshold is an amount such as \"1200.00\".");
                }

                threshold = parsed;
            }

            var result = await claims.DrawSampleAsync(actor, new SampleDraw(first, last, new SampleRules(percent, seed, threshold, body.VolumeFactor, body.InvalidRatePercent)), ct);
            return result.Succeeded
                ? Results.Created($"/api/samples/{result.Value!.Sample.Reference}", SampleViewJson.From(result.Value))
                : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.InternalAuditor));

        api.MapPost("/samples/{reference}/findings", async (HttpContext http, ClaimsWorkspace claims, string reference, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var body = await ReadAsync<FindingBody>(http.Request, ct);
            if (body is null || string.IsNullOrWhiteSpace(body.Claim)
                || !Enum.TryParse<SpotCheckFinding>(body.Finding, ignoreCase: true, out var finding) || finding == SpotCheckFinding.Pending
                || int.TryParse(body.Finding, CultureInfo.InvariantCulture, out _))
            {
                return ApiProblems.BadInput("Send a JSON object: {\"claim\", \"finding\" (Valid or Invalid), \"note\"}.");
            }

            var result = await claims.RecordFindingAsync(actor, reference, body.Claim, finding, body.Note, ct);
            if (!result.Succeeded)
            {
                return ApiProblems.From(result.Error!);
            }

            var sample = await claims.SampleAsync(actor, reference, ct);
            return sample.Succeeded ? Results.Ok(SampleViewJson.From(sample.Value!)) : ApiProblems.From(sample.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.InternalAuditor));

        api.MapGet("/remittances", async (HttpContext http, ClaimsWorkspace claims, CancellationToken ct) =>
        {
            if (Actor(http) is not { } actor)
            {
                return Results.Forbid();
            }

            var result = await claims.RemittancesAsync(actor, ct);
            return result.Succeeded ? Results.Ok(result.Value!.Select(RemittanceJson.From).ToList()) : ApiProblems.From(result.Error!);
        }).RequireAuthorization(p => p.RequireRole(LedgerRoles.Provider));
    }

    private static Actor? Actor(HttpContext http) => CurrentUser.From(http.User)?.ToActor();

    private static IResult Answer(Result<ClaimView> result) =>
        result.Succeeded ? Results.Ok(ClaimJson.From(result.Value!)) : ApiProblems.From(result.Error!);

    private static IResult TooLarge(long max) =>
        ApiProblems.From(new BudgetError(BudgetErrorCode.EvidenceTooLarge, $"The evidence file is too large; the limit is {max:N0} bytes. Nothing was stored."));

    private static async Task<byte[]> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, ct);
        }

        return buffer.ToArray();
    }

    // The body as T, or null when it is not a JSON object of that shape (so malformed input is a 400, never a 500).
    private static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }


    private static bool TryDate(string? text, out LocalDate date)
    {
        var parsed = LocalDatePattern.Iso.Parse(text ?? string.Empty);
        date = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }

    private static bool TryStatuses(string? text, out IReadOnlySet<ClaimStatus>? statuses)
    {
        statuses = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var set = new HashSet<ClaimStatus>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ClaimStatus>(part, ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(part, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }

            set.Add(s);
        }

        statuses = set;
        return true;
    }

    internal static string Iso(LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A new claim as posted.</summary>
    public sealed record NewClaimBody(string? Contract, string? Subject, string? Outcome, int? Sustainment, string? AchievedOn);

    /// <summary>A rejection's reason.</summary>
    public sealed record ReasonBody(string? Reason);

    /// <summary>A sample to draw.</summary>
    public sealed record SampleBody(string? From, string? To, decimal? Percent, int? Seed, string? Threshold, decimal? VolumeFactor, decimal? InvalidRatePercent);

    /// <summary>A spot check's finding.</summary>
    public sealed record FindingBody(string? Claim, string? Finding, string? Note);

    /// <summary>A page of claims.</summary>
    public sealed record ClaimPage(IReadOnlyList<ClaimJson> Items, int Page, int PageSize, int Total, int Pages);

    /// <summary>A claim as the API shows it; money as pounds with two decimals, the working one step per line.</summary>
    public sealed record ClaimJson(string Reference, string Status, string Kind, string Contract, string Subject, string Provider, string? Outcome, int? Sustainment,
        string AchievedOn, string? ClaimedOn, string Amount, IReadOnlyList<string> Working, string CreatedBy, string? SignedOffBy, string? ApprovedBy, string? ApprovedOn,
        string? Reason, IReadOnlyList<EvidenceJson> Evidence)
    {
        public static ClaimJson From(ClaimView v)
        {
            ArgumentNullException.ThrowIfNull(v);
            var c = v.Claim;
            return new ClaimJson(c.Reference, c.Status.ToString(), c.Kind.ToString(), v.Contract.Code, v.Subject, v.Provider, c.Outcome, c.Sustainment, Iso(c.AchievedOn),
                c.ClaimedOn is { } claimed ? Iso(claimed) : null, v.Amount.ToDecimalString(),
                c.Working.Split('\n', StringSplitOptions.RemoveEmptyEntries), c.CreatedBy, c.SignedOffBy, c.ApprovedBy, c.ApprovedOn is { } a ? Iso(a) : null, c.Reason,
                v.Evidence.Select(EvidenceJson.From).ToList());
        }
    }

    /// <summary>A file of evidence: what it shows, its type, size and SHA-256.</summary>
    public sealed record EvidenceJson(string FileName, string Describes, string Purpose, string ContentType, long Size, string Sha256, string AddedBy)
    {
        public static EvidenceJson From(EvidenceFile e)
        {
            ArgumentNullException.ThrowIfNull(e);
            return new EvidenceJson(e.FileName, e.Describes, e.Purpose.ToString(), e.ContentType, e.Size, e.Sha256, e.AddedBy);
        }
    }

    /// <summary>A sample's parameters.</summary>
    public sealed record SampleJson(string Reference, string From, string To, decimal Percent, int Seed, string? Threshold, decimal? VolumeFactor, decimal? InvalidRatePercent,
        string DrawnBy, string DrawnAt)
    {
        public static SampleJson Of(AssuranceSample s)
        {
            ArgumentNullException.ThrowIfNull(s);
            return new SampleJson(s.Reference, Iso(s.From), Iso(s.To), s.Percent, s.Seed, s.Threshold is { } t ? Money.FromPence(t).ToDecimalString() : null, s.VolumeFactor,
                s.InvalidRatePercent, s.DrawnBy, InstantPattern.General.Format(s.DrawnAt));
        }
    }

    /// <summary>A sample with each claim chosen, why, and what was found.</summary>
    public sealed record SampleViewJson(SampleJson Sample, IReadOnlyList<SpotCheckJson> Checks)
    {
        public static SampleViewJson From(SampleView v)
        {
            ArgumentNullException.ThrowIfNull(v);
            return new SampleViewJson(SampleJson.Of(v.Sample), v.Checks.Select(c => new SpotCheckJson(c.Claim.Claim.Reference, c.Claim.Provider, c.Claim.Amount.ToDecimalString(),
                c.Claim.Claim.Status.ToString(), c.Check.Reasons, c.Check.Finding.ToString(), c.Check.Note, c.Check.CheckedBy)).ToList());
        }
    }

    /// <summary>One claim in a sample.</summary>
    public sealed record SpotCheckJson(string Claim, string Provider, string Amount, string Status, string Reasons, string Finding, string? Note, string? CheckedBy);

    /// <summary>What a spot checker looks at for one claim.</summary>
    public sealed record BundleJson(ClaimJson Claim, string Card, int CardVersion, IReadOnlyList<string> Eligibility, IReadOnlyList<string> EvidenceRequired,
        IReadOnlyList<SpotCheckJson> Checks)
    {
        public static BundleJson From(SpotCheckBundle b)
        {
            ArgumentNullException.ThrowIfNull(b);
            return new BundleJson(ClaimJson.From(b.View), b.Card.Code, b.Card.Version, b.Eligibility, b.Definition?.EvidenceRequired ?? [],
                b.Checks.Select(c => new SpotCheckJson(b.View.Claim.Reference, b.View.Provider, b.View.Amount.ToDecimalString(), b.View.Claim.Status.ToString(), c.Reasons,
                    c.Finding.ToString(), c.Note, c.CheckedBy)).ToList());
        }
    }

    /// <summary>What one payment run paid the provider, with its lines.</summary>
    public sealed record RemittanceJson(string Run, string RunOn, string RunStatus, string Provider, string Amount, IReadOnlyList<RemittanceLineJson> Lines)
    {
        public static RemittanceJson From(Remittance r)
        {
            ArgumentNullException.ThrowIfNull(r);
            var lines = r.Payment.Lines.Select(l => new RemittanceLineJson("Invoice", l.Invoice.Number, l.Order.Reference, Money.FromPence(l.Invoice.Amount).ToDecimalString(),
                    Streams(r, l.Streams)))
                .Concat(r.Payment.Outcomes.Select(o => new RemittanceLineJson(o.Clawback ? "Clawback" : "OutcomeClaim", o.Claim.Reference,
                    o.Claim.Outcome ?? o.Claim.Kind.ToString(), Money.FromPence(o.Amount).ToDecimalString(), Streams(r, o.Streams))))
                .ToList();
            return new RemittanceJson(r.Run.Reference, Iso(r.Run.RunOn), r.Run.Status.ToString(), r.Payment.Provider.Code, r.Payment.Amount.ToDecimalString(), lines);
        }

        private static Dictionary<string, string> Streams(Remittance r, IReadOnlyList<(FundingStreamId Stream, long Amount)> streams) =>
            streams.GroupBy(s => r.StreamCodes.GetValueOrDefault(s.Stream, "?"), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Money.FromPence(g.Sum(s => s.Amount)).ToDecimalString(), StringComparer.Ordinal);
    }

    /// <summary>One remittance line: an invoice paid, an outcome claim paid, or a clawback netted (negative).</summary>
    /// <param name="Kind">Invoice, OutcomeClaim or Clawback.</param>
    /// <param name="Reference">The invoice number or claim reference.</param>
    /// <param name="About">The order for an invoice; the outcome (or kind) for a claim.</param>
    /// <param name="Amount">The line's effect on the payment.</param>
    /// <param name="Streams">Pence per paying stream, as pounds.</param>
    public sealed record RemittanceLineJson(string Kind, string Reference, string About, string Amount, IReadOnlyDictionary<string, string> Streams);
}
