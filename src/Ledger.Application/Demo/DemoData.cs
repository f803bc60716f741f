using System.Security.Cryptography;
using System.Text;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Calendar;
using Ledger.Domain.Purchasing;
using NodaTime;

namespace Ledger.Application.Demo;

/// <summary>
/// The demo data set as plain data: two invented areas — a large rural county (Westmoor, Devon-like)
/// and a metropolitan borough (Carrow Vale) — each with its partner agencies, funding streams for
/// 2026/27, one pool, practitioners, children and families, providers and their catalogue, and
/// orders from April to October 2026 with their decisions, invoices and payment runs, and payment
/// by results (<see cref="OutcomePlans"/>): a contract per area, enrolments and claims. Every name is
/// invented and obviously fictional (bank details too); children and families are known to the
/// ledger only by pseudonymous references. Figures follow DOMAIN.md §4 (a £15,000 lead-professional
/// budget, £100 signed off at once, pathfinder pools of a few hundred thousand pounds). Everything
/// derived (references, points, dates) comes from fixed hashes, so every run produces the same requests.
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
             "Moonpenny", "Crumpetts", "Wobblethorpe", "Hazelnutt", "Pipistrelle", "Gooseberry-Finch", "Tanglewood-Fizz"],
            [
                new ProviderPlan("PRV-WM-FAMILY-TEAM", "Westmoor Family Support Team (council)", ProviderSector.InHouse, "00-10-01", "10000101", "WESTMOOR CC"),
                new ProviderPlan("PRV-WM-LEISURE", "Westmoor Leisure Services (council)", ProviderSector.InHouse, "00-10-01", "10000102", "WESTMOOR LEISURE"),
                new ProviderPlan("PRV-WM-TRANSPORT", "Westmoor Passenger Transport Unit (council)", ProviderSector.InHouse, "00-10-01", "10000103", "WESTMOOR TRANSPORT"),
                new ProviderPlan("PRV-YOUNG-MINDS", "Moorland Young Minds (a fictional charity)", ProviderSector.Voluntary, "00-10-02", "10000201", "MOORLAND YM"),
                new ProviderPlan("PRV-CLEARSPEAK", "Clearspeak Therapy Ltd", ProviderSector.Private, "00-10-03", "10000301", "CLEARSPEAK LTD"),
                new ProviderPlan("PRV-BRIGHTPATH", "Brightpath Tuition Ltd", ProviderSector.Private, "00-10-03", "10000302", "BRIGHTPATH LTD"),
                new ProviderPlan("PRV-MOORCAB", "Moorcab Taxis Ltd", ProviderSector.Private, "00-10-03", "10000303", "MOORCAB TAXIS LTD"),
                new ProviderPlan("PRV-KITBAG", "Kitbag Sensory and School Supplies Ltd", ProviderSector.Private, "00-10-03", "10000304", "KITBAG SUPPLIES"),
                new ProviderPlan("PRV-IND-WM-01", "Morwenna Penhallow-Finch, home tutor", ProviderSector.Individual, "00-10-04", "10000401", "M PENHALLOW-FINCH"),
                new ProviderPlan("PRV-IND-WM-02", "Jory Tregenza-Pook, personal assistant", ProviderSector.Individual, "00-10-04", "10000402", "J TREGENZA-POOK"),
                new ProviderPlan("PRV-IND-WM-03", "Wilhelmina Pebblesworth, personal assistant", ProviderSector.Individual, "00-10-04", "10000403", "W PEBBLESWORTH"),
            ],
            [
                new ServicePlan("SALT-SESSION", "Speech and language therapy session", "PRV-CLEARSPEAK", ServiceCategory.TherapyHealth, "session", 58.00m),
                new ServicePlan("COUNSELLING", "Counselling session for a child or young person", "PRV-YOUNG-MINDS", ServiceCategory.TherapyHealth, "session", 45.00m),
                new ServicePlan("FAMILY-THERAPY", "Systemic family therapy session", "PRV-YOUNG-MINDS", ServiceCategory.TherapyHealth, "session", 130.00m),
                new ServicePlan("TUITION-HOUR", "One-to-one tuition", "PRV-BRIGHTPATH", ServiceCategory.TuitionEducation, "hour", 36.00m),
                new ServicePlan("TUTOR-HOUR", "Home tutoring", "PRV-IND-WM-01", ServiceCategory.TuitionEducation, "hour", 30.00m),
                new ServicePlan("SWIM-BLOCK", "Swimming lessons", "PRV-WM-LEISURE", ServiceCategory.LeisureActivities, "10-week block", 65.00m),
                new ServicePlan("HOLIDAY-DAY", "Holiday activity day", "PRV-WM-LEISURE", ServiceCategory.LeisureActivities, "day", 28.00m),
                new ServicePlan("FAMILY-HOUR", "Family support worker", "PRV-WM-FAMILY-TEAM", ServiceCategory.FamilySupport, "hour", 32.00m),
                new ServicePlan("PARENTING", "Parenting programme (8 weekly sessions)", "PRV-YOUNG-MINDS", ServiceCategory.FamilySupport, "place", 180.00m),
                new ServicePlan("HOME-HELP", "Household help", "PRV-IND-WM-02", ServiceCategory.PracticalHousehold, "hour", 16.50m),
                new ServicePlan("PA-HOUR", "Personal assistant support", "PRV-IND-WM-03", ServiceCategory.PracticalHousehold, "hour", 15.00m),
                new ServicePlan("TAXI", "Taxi journey", "PRV-MOORCAB", ServiceCategory.Transport, "journey", 22.00m),
                new ServicePlan("BUS-PASS", "Bus pass", "PRV-WM-TRANSPORT", ServiceCategory.Transport, "month", 42.00m),
                new ServicePlan("SENSORY-PACK", "Sensory equipment pack", "PRV-KITBAG", ServiceCategory.Equipment, "pack", 85.00m),
                new ServicePlan("UNIFORM", "School uniform and shoes", "PRV-KITBAG", ServiceCategory.Equipment, "set", 60.00m),
                new ServicePlan("LAPTOP", "Laptop for schoolwork", "PRV-KITBAG", ServiceCategory.Equipment, "item", 240.00m),
            ]),
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
             "Mothersole-Quirk", "Bobbington", "Periwinkle", "Hobnail", "Custardine", "Fenwhistle", "Ramblesby"],
            [
                new ProviderPlan("PRV-CV-EARLY-HELP", "Carrow Vale Early Help Hub (council)", ProviderSector.InHouse, "00-20-01", "20000101", "CARROW VALE MBC"),
                new ProviderPlan("PRV-CV-LEISURE", "Carrow Vale Leisure Centres (council)", ProviderSector.InHouse, "00-20-01", "20000102", "CV LEISURE"),
                new ProviderPlan("PRV-CV-TRAVEL", "Carrow Vale Travel Support (council)", ProviderSector.InHouse, "00-20-01", "20000103", "CV TRAVEL SUPPORT"),
                new ProviderPlan("PRV-HARBOUR", "Harbour Lights Counselling (a fictional charity)", ProviderSector.Voluntary, "00-20-02", "20000201", "HARBOUR LIGHTS"),
                new ProviderPlan("PRV-STEPUP", "Step Up Tuition CIC (a fictional community interest company)", ProviderSector.Voluntary, "00-20-02", "20000202", "STEP UP CIC"),
                new ProviderPlan("PRV-TALKBRIGHT", "TalkBright Speech and Language Ltd", ProviderSector.Private, "00-20-03", "20000301", "TALKBRIGHT LTD"),
                new ProviderPlan("PRV-VALE-CARS", "Vale Cars Ltd", ProviderSector.Private, "00-20-03", "20000302", "VALE CARS LTD",
                    "Two drivers' DBS checks lapsed in October 2026; no new orders until they are renewed"),
                new ProviderPlan("PRV-ABLE-READY", "Able & Ready Equipment Ltd", ProviderSector.Private, "00-20-03", "20000303", "ABLE & READY LTD"),
                new ProviderPlan("PRV-IND-CV-01", "Ambrose Quillby, home tutor", ProviderSector.Individual, "00-20-04", "20000401", "A QUILLBY"),
                new ProviderPlan("PRV-IND-CV-02", "Funmi Oyelaran-Pike, personal assistant", ProviderSector.Individual, "00-20-04", "20000402", "F OYELARAN-PIKE"),
                new ProviderPlan("PRV-IND-CV-03", "Shona McBride-Tuttle, personal assistant", ProviderSector.Individual, "00-20-04", "20000403", "S MCBRIDE-TUTTLE"),
            ],
            [
                new ServicePlan("SALT-SESSION", "Speech and language therapy session", "PRV-TALKBRIGHT", ServiceCategory.TherapyHealth, "session", 62.00m),
                new ServicePlan("COUNSELLING", "Counselling session for a child or young person", "PRV-HARBOUR", ServiceCategory.TherapyHealth, "session", 48.00m),
                new ServicePlan("FAMILY-THERAPY", "Systemic family therapy session", "PRV-HARBOUR", ServiceCategory.TherapyHealth, "session", 132.00m),
                new ServicePlan("TUITION-HOUR", "One-to-one tuition", "PRV-STEPUP", ServiceCategory.TuitionEducation, "hour", 34.00m),
                new ServicePlan("TUTOR-HOUR", "Home tutoring", "PRV-IND-CV-01", ServiceCategory.TuitionEducation, "hour", 32.00m),
                new ServicePlan("SWIM-BLOCK", "Swimming lessons", "PRV-CV-LEISURE", ServiceCategory.LeisureActivities, "10-week block", 58.00m),
                new ServicePlan("HOLIDAY-DAY", "Holiday activity day", "PRV-CV-LEISURE", ServiceCategory.LeisureActivities, "day", 25.00m),
                new ServicePlan("FAMILY-HOUR", "Family support worker", "PRV-CV-EARLY-HELP", ServiceCategory.FamilySupport, "hour", 34.00m),
                new ServicePlan("PARENTING", "Parenting programme (8 weekly sessions)", "PRV-HARBOUR", ServiceCategory.FamilySupport, "place", 195.00m),
                new ServicePlan("HOME-HELP", "Household help", "PRV-IND-CV-02", ServiceCategory.PracticalHousehold, "hour", 17.00m),
                new ServicePlan("PA-HOUR", "Personal assistant support", "PRV-IND-CV-03", ServiceCategory.PracticalHousehold, "hour", 15.50m),
                new ServicePlan("TAXI", "Taxi journey", "PRV-VALE-CARS", ServiceCategory.Transport, "journey", 15.00m),
                new ServicePlan("BUS-PASS", "Bus pass", "PRV-CV-TRAVEL", ServiceCategory.Transport, "month", 38.00m),
                new ServicePlan("SENSORY-PACK", "Sensory equipment pack", "PRV-ABLE-READY", ServiceCategory.Equipment, "pack", 82.00m),
                new ServicePlan("UNIFORM", "School uniform and shoes", "PRV-ABLE-READY", ServiceCategory.Equipment, "set", 55.00m),
                new ServicePlan("LAPTOP", "Laptop for schoolwork", "PRV-ABLE-READY", ServiceCategory.Equipment, "item", 230.00m),
            ]),
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

    /// <summary>
    /// The story ends on this day: services that start later have not started, invoices dated later
    /// have not arrived. Invoices after the last payment run (30 October) are still owed to providers.
    /// </summary>
    public static readonly LocalDate StoryEnd = new(2026, 11, 13);

    /// <summary>Lead professionals' delegated limits (R11), Devon-style: £100 signed off at once, £1,000 a month, a panel above £2,500.</summary>
    public static readonly (decimal PerPurchase, decimal Monthly, decimal Panel) LeadProfessionalLimits = (100m, 1_000m, 2_500m);

    /// <summary>The broker's delegated limits: the same per purchase, a smaller monthly total.</summary>
    public static readonly (decimal PerPurchase, decimal Monthly, decimal Panel) BrokerLimits = (100m, 500m, 2_500m);

    /// <summary>Payment runs on the last working day of each month, May to October 2026 (R13).</summary>
    public static IReadOnlyList<LocalDate> PaymentRunDates { get; } = Enumerable.Range(5, 6).Select(month => LastWorkingDay(2026, month)).ToList();

    /// <summary>
    /// The orders placed in each area, April to October 2026, from the catalogue (the same codes in both
    /// areas; providers and prices differ). Dates move by up to two days per area (a fixed hash) and
    /// land on working days; an order is never dated before its budget was allocated. Most are small and
    /// committed at once under the lead professional's delegated limit; the rest wait for the budget
    /// holder (or a panel) and start once approved. Time to service runs from need identified to
    /// service started (R12).
    /// </summary>
    public static readonly IReadOnlyList<OrderPlan> Orders =
    [
        new(1, BudgetOf.LeadProfessionalFor(5), "SENSORY-PACK", 1, new(2026, 4, 22), 3, 6,
            "Sensory overload at bedtime; nothing at home helps the child settle", "Settles to sleep within an hour on most nights",
            "Wants the weighted blanket and the light tube tried at school") { InvoiceAfter = 2 },
        new(2, BudgetOf.LeadProfessionalFor(17), "TAXI", 4, new(2026, 4, 24), 2, 3,
            "Missing youth offending service appointments: no bus on the route", "Attends all four appointments this month",
            "Would rather go by taxi than miss them") { InvoiceAfter = 14 },
        new(3, BudgetOf.LeadProfessionalFor(7), "UNIFORM", 1, new(2026, 4, 28), 1, 2,
            "Moved school after a house move and has no uniform", "In full uniform from the first day at the new school",
            "Wants to look the same as everyone else") { InvoiceAfter = 1 },
        new(4, BudgetOf.LeadProfessionalFor(19), "SWIM-BLOCK", 1, new(2026, 5, 5), 5, 12,
            "Cannot swim, so left out of school swimming and trips with friends", "Swims 25 metres by the end of the block",
            "Really wants to go swimming with friends") { InvoiceAfter = 0 },
        new(5, BudgetOf.Child(0), "SALT-SESSION", 6, new(2026, 5, 6), 9, 21,
            "Speech delay: teachers and classmates struggle to understand the child", "Understood by classmates by the end of term",
            "Wants to be able to talk to friends") { DecideAfter = 2, InvoiceAfter = 56, UnitsInvoiced = 4 },
        new(6, BudgetOf.Child(1), "TUITION-HOUR", 10, new(2026, 5, 12), 6, 7,
            "Falling behind in maths after long absences", "Back to the expected level in maths by the summer",
            "Prefers one-to-one help to a group") { DecideAfter = 3, InvoiceAfter = 70 },
        new(7, BudgetOf.Child(3), "FAMILY-HOUR", 3, new(2026, 5, 14), 2, 4,
            "Parent struggling with morning routines after a bereavement", "Child arrives at school on time every day",
            "Wants mornings at home to be calmer") { InvoiceAfter = 21 },
        new(8, BudgetOf.Child(2), "HOLIDAY-DAY", 3, new(2026, 5, 20), 4, 6,
            "Half term with no activities and little to do at home", "Three days of activities with other children over half term",
            "Chose the outdoor adventure days") { InvoiceAfter = 3 },
        new(9, BudgetOf.Child(4), "COUNSELLING", 6, new(2026, 5, 18), 12, 17,
            "Anxiety since the parents separated; not sleeping", "Sleeping through most nights and able to talk about worries",
            "Agreed to try counselling if it is not at school")
        {
            DecideAfter = 4, InvoiceAfter = 49,
            BestInterests = "The child cannot manage a budget; the school nurse recommended counselling and the child agreed to try it",
        },
        new(10, BudgetOf.LeadProfessionalFor(11), "BUS-PASS", 1, new(2026, 5, 27), 1, 5,
            "No way to get to a new college placement", "Attends college every day in June",
            "Wants to travel alone like other students") { InvoiceAfter = 0 },
        new(11, BudgetOf.Household(0), "FAMILY-HOUR", 12, new(2026, 6, 2), 8, 6,
            "Family in crisis after an eviction notice; routines and school attendance collapsing", "Stable routines and every child attending school",
            "The family asked for the same worker at each visit") { DecideAfter = 3, InvoiceAfter = 45, UnitsInvoiced = 10 },
        new(12, BudgetOf.Child(6), "HOME-HELP", 6, new(2026, 6, 3), 3, 4,
            "Parent recovering from an operation cannot manage housework and laundry", "Home kept safe and clean until the parent recovers",
            "Wants to stay at home, not go to relatives") { InvoiceAfter = 30 },
        new(13, BudgetOf.Child(8), "LAPTOP", 1, new(2026, 6, 8), 5, 0,
            "No computer at home for homework", "Homework handed in on time", "Wants a laptop of their own")
        {
            Decision = DecisionPlan.Reject,
            Note = "The school's device-loan scheme can lend a laptop within a week; ask the school first",
        },
        new(14, BudgetOf.Child(9), "COUNSELLING", 8, new(2026, 6, 9), 14, 38,
            "Self-harm disclosed at school; the NHS waiting list is over six months", "Safer, with coping strategies and fewer incidents",
            "Wants a counsellor outside school, not the one friends see") { DecideAfter = 3, InvoiceAfter = 63 },
        new(15, BudgetOf.LeadProfessionalFor(23), "TAXI", 2, new(2026, 6, 15), 0, 1,
            "A court appearance and a youth justice meeting in town with no transport", "Attends both",
            "Will go if a worker meets them there") { InvoiceAfter = 20 },
        new(16, BudgetOf.Household(2), "FAMILY-THERAPY", 20, new(2026, 6, 17), 20, 10,
            "Repeated family breakdown with a risk of the children becoming looked after", "The children stay safely at home without care proceedings",
            "The family want to stay together and asked for help as a family")
        {
            Decision = DecisionPlan.Panel, DecideAfter = 14, Note = "Approved by the resource panel, reference {area}-RP-2026-07",
        },
        new(17, BudgetOf.Child(12), "HOLIDAY-DAY", 5, new(2026, 7, 6), 10, 15,
            "The summer holidays are when trouble with the police started before", "No police contact over the summer",
            "Chose the climbing and bushcraft days") { DecideAfter = 2, InvoiceAfter = 14 },
        new(18, BudgetOf.LeadProfessionalFor(13), "SWIM-BLOCK", 1, new(2026, 6, 23), 4, 13,
            "Lost confidence in water after a scare on holiday", "Back in the water and swimming a width",
            "Wants to swim again, with a teacher") { InvoiceAfter = 0 },
        new(19, BudgetOf.Child(10), "TUTOR-HOUR", 3, new(2026, 7, 1), 6, 8,
            "Reading well below age level before the move to secondary school", "Confident reading the timetable and letters home",
            "Happy to read with a tutor at home")
        {
            InvoiceAfter = 21, BestInterests = "The child's father asked for help with reading; tutoring at home avoids a long journey",
        },
        new(20, BudgetOf.Child(14), "UNIFORM", 1, new(2026, 8, 24), 7, 3,
            "Starting secondary school with no uniform; the family is in debt", "Starts secondary school in full uniform",
            "Wants the proper blazer") { InvoiceAfter = 1 },
        new(21, BudgetOf.Child(15), "TUITION-HOUR", 6, new(2026, 9, 7), 21, 7,
            "End-of-year report shows English well behind after a long absence", "Catches up before the mock exams",
            "Wants help with essays") { DecideAfter = 3, InvoiceAfter = 37 },
        new(22, BudgetOf.Child(18), "PA-HOUR", 20, new(2026, 7, 13), 11, 12,
            "Cannot join the summer club without one-to-one support", "Joins the summer club with friends twice a week",
            "Really wants to go to the club with friends") { DecideAfter = 5, InvoiceAfter = 40, UnitsInvoiced = 16 },
        new(23, BudgetOf.Child(20), "BUS-PASS", 3, new(2026, 9, 1), 3, 2,
            "Needs to reach a college course in town three days a week (youth justice plan)", "Attends the course every week until Christmas",
            "Wants to do the motor-vehicle course") { DecideAfter = 1, InvoiceAfter = 0 },
        new(24, BudgetOf.Child(21), "TUTOR-HOUR", 6, new(2026, 9, 14), 16, 10,
            "Missed most of Year 9 while moving between placements", "Back in lessons full time by Christmas",
            "Wants a tutor who comes to the placement") { DecideAfter = 2, InvoiceAfter = 40 },
        new(25, BudgetOf.Household(1), "HOME-HELP", 10, new(2026, 7, 20), 6, 5,
            "Home unsafe and cluttered since a parent's mental health worsened", "Home safe enough for the children to stay",
            "The family want help, but not a stranger every time") { DecideAfter = 3, InvoiceAfter = 35 },
        new(26, BudgetOf.Household(3), "PARENTING", 2, new(2026, 9, 2), 9, 20,
            "Parents disagree over boundaries and the teenagers stay out late", "House rules that both parents keep",
            "Both parents agreed to go to the course together") { DecideAfter = 6 },
        new(27, BudgetOf.Household(4), "SWIM-BLOCK", 3, new(2026, 8, 3), 5, 30,
            "Three children with no activities outside school; the family is isolated", "All three children in a weekly activity with others",
            "The children picked swimming")
        {
            DecideAfter = 2, InvoiceAfter = 0,
            BestInterests = "The family cannot manage the budget themselves; swimming is cheap, healthy and something the children can do together",
        },
        new(28, BudgetOf.Child(16), "COUNSELLING", 6, new(2026, 8, 17), 7, 0,
            "Nightmares and bed-wetting after witnessing domestic abuse", "Fewer nightmares; able to talk about what happened",
            "Agreed to see someone if the parent comes to the first session")
        {
            Decision = DecisionPlan.Cancel, DecideAfter = 2,
            Note = "The child's NHS referral came through first, so these sessions are no longer needed",
            BestInterests = "The child is too young to manage a budget; the GP suggested counselling and the child agreed",
        },
        new(29, BudgetOf.LeadProfessionalFor(4), "TAXI", 3, new(2026, 10, 12), 2, 2,
            "A parent's hospital appointments leave the child with no way to get to school", "Gets to school on all three days",
            "Happy to go by taxi") { InvoiceAfter = 10 },
        new(30, BudgetOf.Child(0), "SWIM-BLOCK", 1, new(2026, 10, 19), 3, 14,
            "Speech therapy going well; now wants an activity with other children", "Joins a group activity and makes a friend",
            "Chose swimming") { InvoiceAfter = 0 },
        new(31, BudgetOf.Child(1), "SALT-SESSION", 6, new(2026, 10, 27), 10, 0,
            "Stammer getting worse since starting tuition; teased at school", "Speaks in class without avoiding words",
            "Wants the teasing to stop") { Decision = DecisionPlan.Wait },
        new(32, BudgetOf.Child(2), "FAMILY-HOUR", 20, new(2026, 10, 26), 5, 12,
            "Family support needed through the winter while a parent is in hospital", "The children stay at home with the other parent coping",
            "Wants the same worker as before") { DecideAfter = 4 },
        new(33, BudgetOf.LeadProfessionalFor(13), "HOLIDAY-DAY", 2, new(2026, 8, 10), 3, 7,
            "Summer holidays alone while a parent works long shifts", "Two days of activities with other children",
            "Wants to go with a friend") { InvoiceAfter = 2 },
        new(34, BudgetOf.LeadProfessionalFor(22), "UNIFORM", 1, new(2026, 9, 1), 4, 1,
            "Grew out of the uniform over the summer; no money for a new one", "In uniform from the first day of term",
            "Asked for the PE trainers too") { InvoiceAfter = 0 },
        new(35, BudgetOf.LeadProfessionalFor(9), "HOME-HELP", 4, new(2026, 6, 29), 1, 2,
            "A parent's broken arm: nobody to do the shopping and washing", "The household keeps going until the cast comes off",
            "Does not want to miss school to help at home") { InvoiceAfter = 28 },
        new(36, BudgetOf.LeadProfessionalFor(14), "TAXI", 2, new(2026, 7, 7), 1, 1,
            "Hospital appointment in the city with no bus that day", "Attends the appointment",
            "Wants the parent to come too") { InvoiceAfter = 14 },
        new(37, BudgetOf.LeadProfessionalFor(16), "SENSORY-PACK", 1, new(2026, 7, 16), 6, 9,
            "Meltdowns at home after school; the occupational therapist suggested sensory tools", "Fewer meltdowns after school",
            "Chose the ear defenders and the fidget kit") { InvoiceAfter = 1 },
        new(38, BudgetOf.LeadProfessionalFor(20), "BUS-PASS", 1, new(2026, 5, 6), 2, 4,
            "Missing youth club and reparation sessions because of the bus fare", "Attends every session this month",
            "Wants to get there alone") { InvoiceAfter = 0 },
        new(39, BudgetOf.LeadProfessionalFor(3), "FAMILY-HOUR", 2, new(2026, 9, 22), 1, 2,
            "Parent overwhelmed after a letter about exclusion from school", "A plan agreed with the school within a fortnight",
            "Wants to stay at the same school") { InvoiceAfter = 20 },
        new(40, BudgetOf.LeadProfessionalFor(12), "TUTOR-HOUR", 3, new(2026, 10, 6), 5, 6,
            "Behind with coursework after a short exclusion", "Coursework handed in by the deadline",
            "Wants help with the history project") { InvoiceAfter = 21 },
        new(41, BudgetOf.LeadProfessionalFor(21), "COUNSELLING", 2, new(2026, 8, 26), 4, 10,
            "Distressed before a contact visit with a birth parent", "Able to go to the visit and talk about it afterwards",
            "Wants to talk to someone before the visit") { InvoiceAfter = 14 },
        new(42, BudgetOf.LeadProfessionalForFamily(0), "HOME-HELP", 5, new(2026, 10, 14), 2, 3,
            "A new baby and three other children; a parent just home from hospital", "The household copes until the health visitor's review",
            "The family asked for help with washing and meals") { InvoiceAfter = 14 },
    ];

    /// <summary>
    /// Payment by results (R14–R22) in each area: a contract with a voluntary provider drawing on the
    /// area's pool, priced by a shipped rate card; children and families enrolled two working days
    /// after their assessment (the attachment fee owed at once, paid by the May run); claims taken as
    /// far as their plan says, each with evidence files; recurrences recorded for the whole-family
    /// rule; and in Westmoor an assurance sample drawn in October of the claims approved July to
    /// September, one of them found invalid after it was paid and so clawed back by the October run.
    /// Claims are approved before the run that pays them: runs gather claims approved on or before
    /// their date, and every step is done before the first run dated on or after it.
    /// </summary>
    public static readonly IReadOnlyList<OutcomePlan> OutcomePlans =
    [
        new OutcomePlan("WESTMOOR", "WM-EARLY-HELP", "Westmoor early help outcomes 2026/27", "PRV-YOUNG-MINDS", "westmoor-early-help-2026.json",
            "YM-CLAIMS-01", "AUDIT-WM-01", "AUDIT-WM-02",
            [Child(0), Child(3), Child(5), Child(9), Child(12), Child(13), Child(16), Child(17), Child(18), Child(19), Child(20), Child(21), Child(22), Child(23),
             Family(0), Family(3)],
            [],
            [
                new(1, Child(5), "EH-SALT-TARGET", new(2026, 6, 1), ClaimStage.Approved, new(2026, 6, 22), new(2026, 6, 24),
                    "Twelve speech and language sessions at home and school; a sign-supported plan shared with the class teacher"),
                new(2, Child(21), "EH-SALT-TARGET", new(2026, 6, 8), ClaimStage.Approved, new(2026, 6, 29), new(2026, 7, 2),
                    "Speech therapy with the foster carers; a communication passport for the new placement"),
                new(3, Child(18), "EH-SALT-TARGET", new(2026, 7, 3), ClaimStage.Approved, new(2026, 7, 24), new(2026, 7, 28),
                    "An alternative communication device set up with the family and the school"),
                new(4, Child(0), "EH-ATTENDANCE", new(2026, 4, 22), ClaimStage.Approved, new(2026, 8, 12), new(2026, 8, 17),
                    "Morning routine support at home and a named adult at the school gate for the summer term"),
                new(5, Child(3), "EH-ATTENDANCE", new(2026, 5, 1), ClaimStage.Approved, new(2026, 8, 21), new(2026, 8, 25),
                    "Weekly counselling after the bereavement and an attendance plan agreed with the school"),
                new(6, Child(12), "EH-ATTENDANCE", new(2026, 5, 8), ClaimStage.Approved, new(2026, 8, 28), new(2026, 9, 2),
                    "Mentoring twice a week and a part-time timetable back to full time"),
                new(7, Child(20), "EH-ATTENDANCE", new(2026, 5, 15), ClaimStage.Approved, new(2026, 9, 7), new(2026, 9, 9),
                    "A youth worker collecting the young person for the first lesson each day for six weeks"),
                new(8, Family(0), "EH-ATTENDANCE", new(2026, 5, 20), ClaimStage.Approved, new(2026, 9, 10), new(2026, 9, 15),
                    "A whole-family plan: family therapy, a morning routine and an attendance plan for both children"),
                new(9, Child(21), "EH-ATTENDANCE", new(2026, 6, 1), ClaimStage.RejectedAtAudit, new(2026, 9, 21), null,
                    "Transport and a key adult at school after the placement move")
                {
                    Note = "The attendance record attached is from the previous school; the child moved placement and school in June and the new school's record is needed",
                },
                new(10, Child(16), "EH-ATTENDANCE", new(2026, 6, 5), ClaimStage.Approved, new(2026, 9, 25), new(2026, 10, 1),
                    "Counselling after domestic abuse and a safe-adult plan agreed with the school"),
                new(11, Child(23), "EH-ATTENDANCE", new(2026, 6, 12), ClaimStage.Approved, new(2026, 10, 2), new(2026, 10, 7),
                    "A college taster programme and a mentor from the youth offending service"),
                new(12, Child(19), "EH-SALT-TARGET", new(2026, 9, 14), ClaimStage.Approved, new(2026, 10, 5), new(2026, 10, 8),
                    "Eight group speech sessions and home practice with the family"),
                new(13, Child(9), "EH-SALT-TARGET", new(2026, 10, 5), ClaimStage.Approved, new(2026, 10, 26), new(2026, 11, 2),
                    "Speech therapy alongside counselling; targets reviewed with the school's special needs coordinator"),
                new(14, Child(0), "EH-ATTENDANCE", new(2026, 4, 22), ClaimStage.Approved, new(2026, 11, 11), new(2026, 11, 12),
                    "Attendance kept above 90% through the first half of the autumn term")
                {
                    Sustainment = 1,
                },
                new(15, Child(22), "EH-SALT-TARGET", new(2026, 10, 12), ClaimStage.SignedOff, new(2026, 11, 2), null,
                    "Six speech sessions at school and a home practice pack"),
                new(16, Family(3), "EH-ATTENDANCE", new(2026, 7, 20), ClaimStage.Validated, new(2026, 11, 9), null,
                    "Parenting programme for both parents and an attendance plan for all three children"),
                new(17, Child(17), "EH-NO-ASB", new(2026, 5, 12), ClaimStage.Draft, null, null,
                    "Reparation sessions, a youth club place and a mentor; the six-month check is due at the end of November"),
            ],
            new SamplePlan(new(2026, 10, 6), new(2026, 7, 1), new(2026, 9, 30), 10m, 2026, 1_200m, 6,
                "The school's own record shows 84% attendance over the full summer term, below the 90% the outcome needs; the record attached covered the first half of the term only")),
        new OutcomePlan("CARROWVALE", "CV-FAMILY-OUTCOMES", "Carrow Vale family outcomes 2026/27", "PRV-HARBOUR", "carrow-vale-family-outcomes-2026.json",
            "HL-CLAIMS-01", "AUDIT-CV-01", "AUDIT-CV-02",
            [Family(0), Family(1), Family(2), Family(3), Family(4), Family(5)],
            [new RecurrencePlan(Child(2), "EH-ATTENDANCE", new(2026, 7, 13), "Attendance fell below 90% again in the last weeks of the summer term (school's weekly return)")],
            [
                new(1, Family(0), "CV-FAMILY-STABLE", new(2026, 6, 12), ClaimStage.Approved, new(2026, 10, 2), new(2026, 10, 6),
                    "Family plan closed in June after twelve weeks of family support and counselling"),
                new(2, Family(1), "EH-ATTENDANCE", new(2026, 6, 5), ClaimStage.VoidByFamilyRule, new(2026, 9, 28), null,
                    "Morning support visits and an attendance plan for both children"),
                new(3, Family(2), "CV-FAMILY-STABLE", new(2026, 7, 3), ClaimStage.Approved, new(2026, 10, 23), new(2026, 10, 27),
                    "Family plan closed in July after family therapy and help with debts"),
                new(4, Family(3), "EH-ATTENDANCE", new(2026, 6, 19), ClaimStage.Approved, new(2026, 10, 9), new(2026, 10, 13),
                    "A parenting course and a walking bus arranged with neighbours for all three children"),
                new(5, Family(4), "CV-FAMILY-STABLE", new(2026, 7, 17), ClaimStage.Approved, new(2026, 11, 6), new(2026, 11, 10),
                    "Family plan closed in July after household help and a parenting course"),
            ],
            null),
    ];

    /// <summary>The position of child <paramref name="index"/> (0–23) in an area's list of subjects.</summary>
    public static int Child(int index) => index;

    /// <summary>The position of family <paramref name="index"/> (0–5) in an area's list of subjects: after the children.</summary>
    public static int Family(int index) => ChildrenPerArea + index;

    /// <summary>The day a child (by index) or family was assessed: children from 20 April, families from 11 May 2026.</summary>
    public static LocalDate AssessedOn(int index, bool isFamily) => isFamily ? new LocalDate(2026, 5, 11).PlusDays(index * 2) : new LocalDate(2026, 4, 20).PlusDays(index);

    /// <summary>A child's invented date of birth, fixed by its reference: young people in youth justice born 2009–2011, others 2011–2021.</summary>
    public static LocalDate BornOn(string reference, ClientGroup group) =>
        new(group == ClientGroup.YouthJustice ? 2009 + Pick($"{reference}:y", 3) : 2011 + Pick($"{reference}:y", 11), 1 + Pick($"{reference}:m", 12), 1 + Pick($"{reference}:d", 28));

    /// <summary>The last working day (England and Wales) of a month.</summary>
    public static LocalDate LastWorkingDay(int year, int month)
    {
        var day = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        while (!WorkingDayCalendar.EnglandAndWales.IsWorkingDay(day))
        {
            day = day.PlusDays(-1);
        }

        return day;
    }

    /// <summary>The day itself if it is a working day, otherwise the next working day.</summary>
    public static LocalDate WorkingDayFrom(LocalDate day)
    {
        while (!WorkingDayCalendar.EnglandAndWales.IsWorkingDay(day))
        {
            day = day.PlusDays(1);
        }

        return day;
    }

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

/// <summary>A payment-by-results contract in one area (R14–R22) and what happens under it; subjects are positions in the area's list (<see cref="DemoData.Child"/>, <see cref="DemoData.Family"/>).</summary>
/// <param name="Area">The area.</param>
/// <param name="Contract">The contract's code (the card names it).</param>
/// <param name="Name">The contract's name.</param>
/// <param name="Provider">The provider paid.</param>
/// <param name="CardFile">The shipped rate card that prices it.</param>
/// <param name="ClaimsOfficer">Who makes the provider's claims.</param>
/// <param name="Auditor">Internal audit: signs claims off and draws the sample.</param>
/// <param name="SpotChecker">Who records the spot checks' findings.</param>
/// <param name="Enrolments">The children and families enrolled, two working days after their assessment.</param>
/// <param name="Recurrences">Problems starting again for a child (the whole-family rule, R21).</param>
/// <param name="Claims">The claims and how far each goes.</param>
/// <param name="Sample">The assurance sample, if any.</param>
internal sealed record OutcomePlan(string Area, string Contract, string Name, string Provider, string CardFile, string ClaimsOfficer, string Auditor, string SpotChecker,
    IReadOnlyList<int> Enrolments, IReadOnlyList<RecurrencePlan> Recurrences, IReadOnlyList<ClaimPlan> Claims, SamplePlan? Sample);

/// <summary>A problem that started again for a child of a family on a day.</summary>
internal sealed record RecurrencePlan(int Child, string Outcome, LocalDate OccurredOn, string Note);

/// <summary>How far a claim goes (R20).</summary>
internal enum ClaimStage
{
    /// <summary>Drafted with its evidence, not yet submitted.</summary>
    Draft,

    /// <summary>Submitted and passed the automatic rules; waiting for internal audit.</summary>
    Validated,

    /// <summary>Signed off by internal audit; waiting for the budget holder.</summary>
    SignedOff,

    /// <summary>Approved by the budget holder: owed, and paid by the first payment run on or after the approval.</summary>
    Approved,

    /// <summary>Submitted, then rejected by internal audit with the plan's note as the reason.</summary>
    RejectedAtAudit,

    /// <summary>Refused at submission by the whole-family rule (R21), then rejected with the rule's reason.</summary>
    VoidByFamilyRule,
}

/// <summary>
/// A claim: its number in the area (for its idempotency key), the subject, the outcome (with the
/// sustainment number for a sustainment payment), the day it was achieved, how far it goes, the days
/// it is submitted and approved, and what the provider did (the text of the work evidence).
/// </summary>
internal sealed record ClaimPlan(int N, int Subject, string Outcome, LocalDate Achieved, ClaimStage Stage, LocalDate? Claimed, LocalDate? Approved, string Work)
{
    /// <summary>For a sustainment payment, which of the series.</summary>
    public int? Sustainment { get; init; }

    /// <summary>Internal audit's reason for a rejection.</summary>
    public string? Note { get; init; }

    /// <summary>The day by which the claim has gone as far as its plan says: before the first payment run on or after it.</summary>
    public LocalDate Due => Approved ?? Claimed ?? Achieved;
}

/// <summary>
/// An assurance sample (R21) drawn on a day of the outcome claims approved in a period: a random
/// percentage with a recorded seed and every claim at or above a threshold; the claim numbered
/// <paramref name="InvalidClaim"/> (at or above the threshold, so always drawn) is found invalid, the others valid.
/// </summary>
internal sealed record SamplePlan(LocalDate DrawnOn, LocalDate From, LocalDate To, decimal Percent, int Seed, decimal Threshold, int InvalidClaim, string Finding);

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
    IReadOnlyList<string> Surnames, IReadOnlyList<ProviderPlan> Providers, IReadOnlyList<ServicePlan> Catalogue);

internal sealed record AgencyPlan(string Code, string Name, AgencyKind Kind);

internal sealed record StreamPlan(StreamRole Role, string Code, string Agency, string Name, FundingForm Form, ServiceCategory[] Categories, ClientGroup[] ClientGroups,
    bool RingFenced, YearEndRule YearEnd, decimal Contribution, decimal ExpectedSpend, string ExpectedOutcome);

internal sealed record PoolPlan(string Code, string Name, ResourceAllocationRule Rule, SplitPolicy Policy);

/// <summary>A provider to register (R7), with obviously fictional bank details; suspended at the end of loading when a reason is given.</summary>
internal sealed record ProviderPlan(string Code, string Name, ProviderSector Sector, string SortCode, string Account, string AccountName,
    string? SuspendedBecause = null);

/// <summary>A catalogue entry (R8).</summary>
internal sealed record ServicePlan(string Code, string Name, string Provider, ServiceCategory Category, string Unit, decimal Price);

/// <summary>
/// Whose budget an order is made from and for whom: the child's (or family's) own individual budget,
/// or the delegated budget of the lead professional who has the child (or family) on their caseload.
/// </summary>
internal sealed record BudgetOf(BudgetKind Kind, int Index, bool IsFamily)
{
    public static BudgetOf Child(int index) => new(BudgetKind.Individual, index, false);

    public static BudgetOf Household(int index) => new(BudgetKind.Individual, index, true);

    public static BudgetOf LeadProfessionalFor(int child) => new(BudgetKind.LeadProfessional, child, false);

    public static BudgetOf LeadProfessionalForFamily(int family) => new(BudgetKind.LeadProfessional, family, true);

    /// <summary>The subject's position in the area's list: children 0–23, then families.</summary>
    public int Subject => IsFamily ? DemoData.ChildrenPerArea + Index : Index;
}

/// <summary>What happens to an order that waits for a decision (R11), or to an order afterwards.</summary>
internal enum DecisionPlan
{
    /// <summary>Committed at once, or approved by the budget holder if it waits.</summary>
    Approve,

    /// <summary>Above the panel threshold: approved by the panel, recorded by the budget holder with the panel's reference.</summary>
    Panel,

    /// <summary>Rejected by the budget holder, with a reason; the hold is released.</summary>
    Reject,

    /// <summary>Left waiting for the budget holder.</summary>
    Wait,

    /// <summary>Approved, then cancelled before the service started, with a reason; the hold is released.</summary>
    Cancel,
}

/// <summary>
/// An order: the budget and subject, the catalogue entry and units, the order date, how many days
/// before it the need was identified, and how many days after the order (or its approval) the service
/// started. Optionally: a decision after <see cref="DecideAfter"/> days, an invoice <see cref="InvoiceAfter"/>
/// days after the start for all or <see cref="UnitsInvoiced"/> units, and a broker's best-interests reason.
/// </summary>
internal sealed record OrderPlan(int N, BudgetOf Budget, string Service, int Quantity, LocalDate Ordered, int NeedLead, int StartAfter,
    string Need, string Outcome, string Wishes)
{
    public DecisionPlan Decision { get; init; }

    public int DecideAfter { get; init; } = 2;

    /// <summary>The panel's reference (with {area} for the area's code), or the reason for a rejection or cancellation.</summary>
    public string? Note { get; init; }

    public string? BestInterests { get; init; }

    public int? InvoiceAfter { get; init; }

    public int? UnitsInvoiced { get; init; }
}
