using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Web;

/// <summary>
/// The OpenAPI document of the JSON API, served at <see cref="DocumentPath"/>: titled "Ledger API", with the
/// bearer token (and the sign-in cookie) described and RFC 9457 ProblemDetails as every operation's error answer.
/// </summary>
internal static class LedgerOpenApi
{
    /// <summary>Where the document is served; readable without signing in.</summary>
    public const string DocumentPath = "/api/openapi.json";

    private const string ProblemSchema = "ProblemDetails";

    public static void AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        }));

    public static void MapLedgerOpenApi(this WebApplication app) => app.MapOpenApi(DocumentPath).AllowAnonymous();

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Ledger API",
            Version = "v1",
            Description = "Personal budgets, purchasing and outcome payments. Every error is RFC 9457 ProblemDetails carrying the domain's stable code in 'code'.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiTokenAuthentication.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "ldg_…",
            Description = "An API token an administrator created for a user (e.g. a provider's system): 'Authorization: Bearer ldg_…'. It acts as that user.",
        };
        document.Components.SecuritySchemes["SignInCookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "Ledger.SignIn",
            Description = "The sign-in cookie of the web pages.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details; 'code' is the domain's stable error code.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiTokenAuthentication.Scheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("SignInCookie", document)] = [] },
        ];

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("default", new OpenApiResponse
            {
                Description = "A refusal or an error, as ProblemDetails.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            });
        }
    }
}
