using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;

namespace Ledger.Application.Outcomes;

/// <summary>
/// The outcome catalogue (R14) as JSON: an array of outcomes (layout in docs/rate-cards.md). Amounts
/// are strings of pounds; the Every Child Matters area is named as in <see cref="EveryChildMattersArea"/>.
/// Reading checks every outcome and names the first problem.
/// </summary>
public static class OutcomeCatalogueJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks a catalogue.</summary>
    public static Result<IReadOnlyList<OutcomeDefinition>> Read(string json)
    {
        List<OutcomeDto>? dtos;
        try
        {
            dtos = JsonSerializer.Deserialize<List<OutcomeDto>>(json, Options);
        }
        catch (JsonException e)
        {
            return Result<IReadOnlyList<OutcomeDefinition>>.Fail(BudgetErrorCode.InvalidRequest, $"The outcome catalogue is not valid JSON for the layout: {e.Message}");
        }

        var list = new List<OutcomeDefinition>();
        foreach (var d in dtos ?? [])
        {
            // Only a name: Enum.TryParse would also take numbers and comma-separated lists.
            var name = Enum.GetNames<EveryChildMattersArea>().FirstOrDefault(n => string.Equals(n, d.Area, StringComparison.OrdinalIgnoreCase));
            if (name is null || !Enum.TryParse<EveryChildMattersArea>(name, out var area))
            {
                return Result<IReadOnlyList<OutcomeDefinition>>.Fail(BudgetErrorCode.InvalidRequest,
                    $"Outcome {d.Code}: area must be one of {string.Join(", ", Enum.GetNames<EveryChildMattersArea>())}.");
            }

            SocialValue? value = null;
            if (d.SocialValue is { } sv)
            {
                if (!Money.TryParse(sv.CostAvoided, out var cost))
                {
                    return Result<IReadOnlyList<OutcomeDefinition>>.Fail(BudgetErrorCode.InvalidRequest, $"Outcome {d.Code}: socialValue.costAvoided must be pounds as a string, e.g. \"900.00\".");
                }

                value = new SocialValue(cost, sv.Source ?? string.Empty, sv.Agency ?? string.Empty, sv.Cashable);
            }

            var definition = new OutcomeDefinition(d.Code ?? string.Empty, d.Name ?? string.Empty, area, d.Measurement ?? string.Empty, d.EvidenceRequired ?? [],
                d.SustainWeeks, d.MinAgeAtEnrolment, d.MaxAgeAtEnrolment, value);
            if (definition.Check() is { } problem)
            {
                return Result<IReadOnlyList<OutcomeDefinition>>.Fail(problem);
            }

            list.Add(definition);
        }

        return list.GroupBy(o => o.Code).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? Result<IReadOnlyList<OutcomeDefinition>>.Fail(BudgetErrorCode.InvalidRequest, $"Outcome {twice.Key} is defined twice.")
            : list;
    }

    /// <summary>Writes outcomes in the documented layout.</summary>
    public static string Write(IEnumerable<OutcomeDefinition> outcomes) =>
        JsonSerializer.Serialize(outcomes.Select(o => new OutcomeDto
        {
            Code = o.Code, Name = o.Name, Area = o.Area.ToString(), Measurement = o.Measurement, EvidenceRequired = [.. o.EvidenceRequired], SustainWeeks = o.SustainWeeks,
            MinAgeAtEnrolment = o.MinAgeAtEnrolment, MaxAgeAtEnrolment = o.MaxAgeAtEnrolment,
            SocialValue = o.SocialValue is { } v ? new SocialValueDto { CostAvoided = v.CostAvoided.ToDecimalString(), Source = v.Source, Agency = v.Agency, Cashable = v.Cashable } : null,
        }).ToList(), Options);

    /// <summary>The catalogue shipped with Ledger: the outcomes of the shipped rate cards.</summary>
    public static string Shipped()
    {
        using var stream = typeof(OutcomeCatalogueJson).Assembly.GetManifestResourceStream("Ledger.Application.Outcomes.Catalogue.outcomes.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class OutcomeDto
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Area { get; set; }
        public string? Measurement { get; set; }
        public List<string>? EvidenceRequired { get; set; }
        public int SustainWeeks { get; set; }
        public int? MinAgeAtEnrolment { get; set; }
        public int? MaxAgeAtEnrolment { get; set; }
        public SocialValueDto? SocialValue { get; set; }
    }

    private sealed class SocialValueDto
    {
        public string? CostAvoided { get; set; }
        public string? Source { get; set; }
        public string? Agency { get; set; }
        public bool Cashable { get; set; }
    }
}
