using System.Security.Cryptography;
using System.Text;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using NodaTime;

namespace Ledger.Application.Demo;

/// <summary>
/// The demo data set as plain data: two invented areas — a large rural county (Westmoor, Devon-like)
/// and a metropolitan borough (Carrow Vale) — each with its partner agencies, funding streams for
/// 2026/27, one pool, practitioners, children and families, and purchases. Every name is invented
/// and obviously fictional; children and families are known to the ledger only by pseudonymous
/// references. Figures follow DOMAIN.md §4 (a £15,000 lead-professional budget, pathfinder pools of
/// a few hundred thousand pounds). Everything derived (references, points, dates) comes from fixed
/// hashes, so every run produces the same requests.
/// </summary>
internal static class DemoData
{
    public const int ChildrenPerArea = 24;

    public const int FamiliesPerArea = 6;

    public static readonly IReadOnlyList<AreaPlan> Areas =
    [
        new AreaPlan(
            "WESTMOOR",
            "Westmoor County Council",
            [
                new AgencyPlan("WCC", "Westmoor County Council", AgencyKind.Council),
                new AgencyPlan("WMICB", "NHS Westmoor Integrated Care Board", AgencyKind.Nhs),
                new AgencyPlan("WMSF", "Westmoor Schools Forum", AgencyKind.School),
                new AgencyPlan("WMYOS", "Westmoor Youth Offending Service", AgencyKind.YouthJustice),
                new AgencyPlan("LANTERN", "The Lantern Trust for Children (a fictional charity)", AgencyKind.Charity),
                new AgencyPlan("FP-GRANT", "Family Pathfinder programme (central government grant)", AgencyKind.CentralGovernment),
            ],
            [
                new StreamPlan(StreamRole.Council, "EIG-2026", "WCC", "Council early intervention money 2026/27", FundingForm.CashTransfer, [], [], false,
                    YearEndRule.ReturnUnspent, 150_000m, 140_000m, "Fewer children escalating to statutory social care; help started within four weeks of assessment"),
                new StreamPlan(StreamRole.Nhs, "NHS-THER-2026", "WMICB", "NHS children's therapies 2026/27", FundingForm.CashTransfer, [ServiceCategory.TherapyHealth], [], true,
                    YearEndRule.ReturnUnspent, 60_000m, 55_000m, "Speech, language and emotional-health therapy started within six weeks"),
                new StreamPlan(StreamRole.Schools, "SCH-2026", "WMSF", "Schools forum inclusion money 2026/27", FundingForm.CashTransfer, [ServiceCategory.TuitionEducation], [], true,
                    YearEndRule.ReturnUnspent, 40_000m, 38_000m, "Better attendance and fewer exclusions"),
                new StreamPlan(StreamRole.YouthJustice, "YJ-2026", "WMYOS", "Youth justice prevention 2026/27", FundingForm.CashTransfer, [], [ClientGroup.YouthJustice], true,
                    YearEndRule.ReturnUnspent, 30_000m, 28_000m, "Fewer first-time entrants to the youth justice system"),
                new StreamPlan(StreamRole.Charity, "LANTERN-2026", "LANTERN", "Lantern Trust grant 2026/27", FundingForm.CashTransfer, [], [], false,
                    YearEndRule.CarryForward, 25_000m, 20_000m, "Family activities and short breaks that families choose themselves"),
                new StreamPlan(StreamRole.Pathfinder, "FP-2026", "FP-GRANT", "Family pathfinder grant 2026/27", FundingForm.CashTransfer, [], [ClientGroup.WholeFamily], true,
                    YearEndRule.CarryForward, 80_000m, 75_000m, "Whole-family plans for families with several problems at once"),
            ],
            new PoolPlan("PATHFINDER-2026", "Westmoor budget-holding lead professional pathfinder 2026/27",
                ResourceAllocationRule.Points(Money.FromPounds(150m)).Value!, SplitPolicy.ProRata),
            [("LP-WM-01", "Harriet Quillfeather"), ("LP-WM-02", "Tobias Wrenfield"), ("LP-WM-03", "Priya Amberwick")],
            ("BR-WM-01", "Bernard Fennimore-Oakes"),
            ("BH-WM-01", "Gwendolyn Pellowe"),
            ["Thistledown", "Puddleby", "Marrowfield", "Quibbleton", "Featherstonehaugh-Pike", "Bramblewick", "Tumbleford", "Larkspurr",
             "Moonpenny", "Crumpetts", "Wobblethorpe", "Hazelnutt", "Pipistrelle", "Gooseberry-Finch", "Tanglewood-Fizz"]),
        new AreaPlan(
            "CARROWVALE",
            "Carrow Vale Metropolitan Borough Council",
            [
                new AgencyPlan("CVMBC", "Carrow Vale Metropolitan Borough Council", AgencyKind.Council),
                new AgencyPlan("CVICB", "NHS Carrow Vale Integrated Care Board", AgencyKind.Nhs),
                new AgencyPlan("CVSP", "Carrow Vale Schools Partnership", AgencyKind.School),
                new AgencyPlan("CVYJS", "Carrow Vale Youth Justice Service", AgencyKind.YouthJustice),
                new AgencyPlan("BRIGHTWATER", "The Brightwater Foundation (a fictional charity)", AgencyKind.Charity),
            ],
            [
                new StreamPlan(StreamRole.Council, "EH-2026", "CVMBC", "Council early help fund 2026/27", FundingForm.CashTransfer, [], [], false,
                    YearEndRule.ReturnUnspent, 180_000m, 170_000m, "Families helped early instead of being referred to children's social care"),
                new StreamPlan(StreamRole.Nhs, "NHS-EMH-2026", "CVICB", "NHS therapy and emotional health 2026/27", FundingForm.CashTransfer, [ServiceCategory.TherapyHealth], [], true,
                    YearEndRule.ReturnUnspent, 70_000m, 65_000m, "Shorter waits for therapy and counselling"),
                new StreamPlan(StreamRole.Schools, "SCH-TUITION-2026", "CVSP", "Schools partnership tuition, cash equivalent of services 2026/27", FundingForm.CashEquivalent,
                    [ServiceCategory.TuitionEducation], [], true, YearEndRule.ReturnUnspent, 50_000m, 50_000m, "Catch-up tuition for pupils at risk of exclusion"),
                new StreamPlan(StreamRole.YouthJustice, "YJ-2026", "CVYJS", "Youth justice prevention 2026/27", FundingForm.CashTransfer, [], [ClientGroup.YouthJustice], true,
                    YearEndRule.ReturnUnspent, 35_000m, 33_000m, "Fewer young people re-offending within twelve months"),
                new StreamPlan(StreamRole.Charity, "BRIGHTWATER-2026", "BRIGHTWATER", "Brightwater Foundation grant 2026/27", FundingForm.CashTransfer, [], [], false,
                    YearEndRule.CarryForward, 30_000m, 24_000m, "Activities, clubs and holidays for children who would otherwise miss out"),
            ],
            new PoolPlan("FAMILY-BUDGETS-2026", "Carrow Vale family budgets 2026/27",
                ResourceAllocationRule.Banded([
                    new AllocationBand(0, Money.FromPounds(500m)), new AllocationBand(8, Money.FromPounds(1_500m)), new AllocationBand(16, Money.FromPounds(3_000m)),
                    new AllocationBand(24, Money.FromPounds(4_500m)), new AllocationBand(32, Money.FromPounds(6_000m))]).Value!,
                SplitPolicy.ProRata),
            [("LP-CV-01", "Samira Cobbledick"), ("LP-CV-02", "Declan Marchbank"), ("LP-CV-03", "Ruth Thistlewood-Spry")],
            ("BR-CV-01", "Ivor Kettleby"),
            ("BH-CV-01", "Adaeze Brackenridge"),
            ["Pumpernickel", "Wigglesworth-Bean", "Snodgrass-Lumley", "Fizzlewick", "Buttercross", "Nettlebed", "Sprocketts", "Dandelyon",
             "Mothersole-Quirk", "Bobbington", "Periwinkle", "Hobnail", "Custardine", "Fenwhistle", "Ramblesby"]),
    ];

    public static readonly string[] FirstNames =
    [
        "Poppy", "Alfie", "Isla", "Reuben", "Maisie", "Kofi", "Ivy", "Otis", "Nell", "Ravi", "Elsie", "Jude", "Ada", "Bartholomew", "Wren", "Caspian",
        "Marigold", "Ezra", "Tallulah", "Barnaby", "Clementine", "Idris", "Figgy", "Monty",
    ];

    /// <summary>Client groups of the 24 children, by index: children 0–14 live in the six families, 15–23 do not.</summary>
    public static readonly ClientGroup[] ChildGroups =
    [
        ClientGroup.EarlyHelp, ClientGroup.EarlyHelp, ClientGroup.EarlyHelp, ClientGroup.ChildInNeed, ClientGroup.EarlyHelp, ClientGroup.DisabledChild,
        ClientGroup.EarlyHelp, ClientGroup.EarlyHelp, ClientGroup.EarlyHelp, ClientGroup.ChildInNeed, ClientGroup.EarlyHelp, ClientGroup.EarlyHelp,
        ClientGroup.YouthJustice, ClientGroup.EarlyHelp, ClientGroup.EarlyHelp,
        ClientGroup.EarlyHelp, ClientGroup.ChildInNeed, ClientGroup.YouthJustice, ClientGroup.DisabledChild, ClientGroup.EarlyHelp, ClientGroup.YouthJustice,
        ClientGroup.LookedAfter, ClientGroup.EarlyHelp, ClientGroup.YouthJustice,
    ];

    /// <summary>The purchases made in each area: holds on budgets, some settled in full or in part.</summary>
    public static readonly IReadOnlyList<PurchasePlan> Purchases =
    [
        new("speech-therapy", BudgetOf.Child(15), "Speech and language therapy, 6 sessions", "PROV-TALKWELL", new LocalDate(2026, 6, 3),
            [(StreamRole.Nhs, 300m)], 200m, new LocalDate(2026, 7, 29), "Invoice: 4 of 6 sessions delivered"),
        new("maths-tuition", BudgetOf.Child(16), "Maths tuition, autumn term (6 sessions)", "PROV-BRIGHTSTART", new LocalDate(2026, 9, 7),
            [(StreamRole.Schools, 180m)], null, null, null),
        new("swimming", BudgetOf.Child(0), "Swimming lessons, summer block", "PROV-LEISURE-TRUST", new LocalDate(2026, 6, 10),
            [(StreamRole.Council, 120m)], 120m, new LocalDate(2026, 7, 15), "Invoice: swimming lessons delivered"),
        new("family-support", BudgetOf.Household(3), "Family support worker, 10 home visits", "PROV-HEARTH-FAMILY", new LocalDate(2026, 6, 22),
            [(StreamRole.Council, 300m), (StreamRole.Charity, 100m)], 240m, new LocalDate(2026, 8, 28), "Invoice: 6 of 10 visits delivered"),
        new("bus-pass", BudgetOf.LeadProfessional(0), "Term bus pass to college", "PROV-TRANSPORT", new LocalDate(2026, 5, 12),
            [(StreamRole.Council, 85m)], 85m, new LocalDate(2026, 5, 29), "Invoice: bus pass issued"),
        new("school-uniform", BudgetOf.LeadProfessional(1), "School uniform and shoes", "PROV-UNIFORM", new LocalDate(2026, 8, 20),
            [(StreamRole.Council, 60m)], null, null, null),
        new("mentoring", BudgetOf.Child(17), "Youth mentoring, 4 sessions", "PROV-STREETWISE", new LocalDate(2026, 6, 15),
            [(StreamRole.YouthJustice, 120m)], 120m, new LocalDate(2026, 9, 30), "Invoice: 4 mentoring sessions delivered"),
        new("sensory-kit", BudgetOf.Child(18), "Sensory equipment for home", "PROV-SENSORY", new LocalDate(2026, 7, 1),
            [(StreamRole.Council, 210m)], 210m, new LocalDate(2026, 7, 24), "Invoice: equipment delivered"),
        new("counselling", BudgetOf.Child(21), "Counselling, 4 sessions", "PROV-TALKWELL", new LocalDate(2026, 7, 8),
            [(StreamRole.Nhs, 180m)], null, null, null),
        new("emergency-help", BudgetOf.LeadProfessional(2), "Emergency food and gas top-up", "PROV-HOUSEHOLD", new LocalDate(2026, 10, 5),
            [(StreamRole.Council, 95m)], 95m, new LocalDate(2026, 10, 6), "Receipt: top-up bought"),
    ];

    /// <summary>A whole number from 0 to <paramref name="modulo"/> − 1, fixed for <paramref name="salt"/>.</summary>
    public static int Pick(string salt, int modulo)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(salt));
        return (int)(BitConverter.ToUInt32(hash, 0) % (uint)modulo);
    }

    /// <summary>A pseudonymous reference such as CHILD-7F3A: four hex digits from a hash, unique among <paramref name="taken"/>.</summary>
    public static string Reference(string prefix, string salt, HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}:{attempt}"));
            var reference = $"{prefix}-{Convert.ToHexString(hash, 0, 2)}";
            if (taken.Add(reference))
            {
                return reference;
            }
        }
    }
}

/// <summary>Which kind of partner money a stream is, so one purchase plan fits both areas.</summary>
internal enum StreamRole
{
    Council,
    Nhs,
    Schools,
    YouthJustice,
    Charity,
    Pathfinder,
}

internal sealed record AreaPlan(string Code, string Name, IReadOnlyList<AgencyPlan> Agencies, IReadOnlyList<StreamPlan> Streams, PoolPlan Pool,
    IReadOnlyList<(string Code, string Name)> LeadProfessionals, (string Code, string Name) Broker, (string Code, string Name) BudgetHolder,
    IReadOnlyList<string> Surnames);

internal sealed record AgencyPlan(string Code, string Name, AgencyKind Kind);

internal sealed record StreamPlan(StreamRole Role, string Code, string Agency, string Name, FundingForm Form, ServiceCategory[] Categories, ClientGroup[] ClientGroups,
    bool RingFenced, YearEndRule YearEnd, decimal Contribution, decimal ExpectedSpend, string ExpectedOutcome);

internal sealed record PoolPlan(string Code, string Name, ResourceAllocationRule Rule, SplitPolicy Policy);

/// <summary>The budget a purchase is made from: a child's, a family's or a lead professional's.</summary>
internal sealed record BudgetOf(BudgetKind Kind, int Index, bool IsFamily)
{
    public static BudgetOf Child(int index) => new(BudgetKind.Individual, index, false);

    public static BudgetOf Household(int index) => new(BudgetKind.Individual, index, true);

    public static BudgetOf LeadProfessional(int index) => new(BudgetKind.LeadProfessional, index, false);
}

/// <summary>
/// A purchase: a hold on a budget payable to a provider, one leg per stream (each leg is capped at
/// what the stream put into that budget), settled in full or in part, or left open.
/// </summary>
internal sealed record PurchasePlan(string Key, BudgetOf Budget, string Description, string Provider, LocalDate Ordered,
    (StreamRole Role, decimal Amount)[] Legs, decimal? Settle, LocalDate? SettledOn, string? SettleDescription);
