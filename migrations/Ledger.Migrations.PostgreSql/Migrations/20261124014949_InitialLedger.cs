using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Areas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Operation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ErrorMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Entry = table.Column<Guid>(type: "uuid", nullable: true),
                    Hold = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FinancialYearClosures",
                columns: table => new
                {
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinancialYearClosures", x => new { x.Area, x.Year });
                    table.ForeignKey(
                        name: "FK_FinancialYearClosures_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Holds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReservedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    PostedAmount = table.Column<long>(type: "bigint", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SettlementEntry = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Holds_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodClosures",
                columns: table => new
                {
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodClosures", x => new { x.Area, x.Year, x.Month });
                    table.ForeignKey(
                        name: "FK_PeriodClosures_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Pools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AllocationRule = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SplitPolicy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pools", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pools_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Practitioners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Practitioners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Practitioners_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Subjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subjects_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundingStreams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Agency = table.Column<Guid>(type: "uuid", nullable: true),
                    Form = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Categories = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ClientGroups = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RingFenced = table.Column<bool>(type: "boolean", nullable: false),
                    YearEndRule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExpectedSpend = table.Column<long>(type: "bigint", nullable: false),
                    ExpectedOutcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingStreams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingStreams_Agencies_Agency",
                        column: x => x.Agency,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundingStreams_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JournalEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Reverses = table.Column<Guid>(type: "uuid", nullable: true),
                    SettlesHold = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalEntries_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JournalEntries_Holds_SettlesHold",
                        column: x => x.SettlesHold,
                        principalTable: "Holds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_JournalEntries_JournalEntries_Reverses",
                        column: x => x.Reverses,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<Guid>(type: "uuid", nullable: false),
                    Pool = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssessedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClientGroup = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    BeHealthy = table.Column<int>(type: "integer", nullable: false),
                    StaySafe = table.Column<int>(type: "integer", nullable: false),
                    EnjoyAndAchieve = table.Column<int>(type: "integer", nullable: false),
                    PositiveContribution = table.Column<int>(type: "integer", nullable: false),
                    EconomicWellBeing = table.Column<int>(type: "integer", nullable: false),
                    TotalPoints = table.Column<int>(type: "integer", nullable: false),
                    IndicativeAmount = table.Column<long>(type: "bigint", nullable: false),
                    Working = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Factors_DisabilitySeverity = table.Column<int>(type: "integer", nullable: false),
                    Factors_PreviousExclusions = table.Column<int>(type: "integer", nullable: false),
                    Factors_RiskFactors = table.Column<int>(type: "integer", nullable: false),
                    Factors_YearsInCare = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Pools_Pool",
                        column: x => x.Pool,
                        principalTable: "Pools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Pool = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<Guid>(type: "uuid", nullable: true),
                    Holder = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderMode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClientGroup = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CarriedFrom = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Budgets_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Budgets_Budgets_CarriedFrom",
                        column: x => x.CarriedFrom,
                        principalTable: "Budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Budgets_Pools_Pool",
                        column: x => x.Pool,
                        principalTable: "Pools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Budgets_Practitioners_Holder",
                        column: x => x.Holder,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Budgets_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Caseloads",
                columns: table => new
                {
                    Practitioner = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<Guid>(type: "uuid", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Caseloads", x => new { x.Practitioner, x.Subject });
                    table.ForeignKey(
                        name: "FK_Caseloads_Practitioners_Practitioner",
                        column: x => x.Practitioner,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Caseloads_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdMembers",
                columns: table => new
                {
                    Family = table.Column<Guid>(type: "uuid", nullable: false),
                    Child = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMembers", x => new { x.Family, x.Child });
                    table.ForeignKey(
                        name: "FK_HouseholdMembers_Subjects_Child",
                        column: x => x.Child,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HouseholdMembers_Subjects_Family",
                        column: x => x.Family,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalDetails",
                columns: table => new
                {
                    Subject = table.Column<Guid>(type: "uuid", nullable: false),
                    FullName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDetails", x => x.Subject);
                    table.ForeignKey(
                        name: "FK_PersonalDetails_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonalDetailsReads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<Guid>(type: "uuid", nullable: false),
                    ReadBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDetailsReads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalDetailsReads_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Owner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Stream = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Balance = table.Column<long>(type: "bigint", nullable: false),
                    Held = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Accounts_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Accounts_FundingStreams_Stream",
                        column: x => x.Stream,
                        principalTable: "FundingStreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Budget = table.Column<Guid>(type: "uuid", nullable: false),
                    Assessment = table.Column<Guid>(type: "uuid", nullable: true),
                    IndicativeAmount = table.Column<long>(type: "bigint", nullable: false),
                    Working = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FinalAmount = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Entry = table.Column<Guid>(type: "uuid", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allocations_Assessments_Assessment",
                        column: x => x.Assessment,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Allocations_Budgets_Budget",
                        column: x => x.Budget,
                        principalTable: "Budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Allocations_JournalEntries_Entry",
                        column: x => x.Entry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HoldLegs",
                columns: table => new
                {
                    Hold = table.Column<Guid>(type: "uuid", nullable: false),
                    Leg = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<Guid>(type: "uuid", nullable: false),
                    To = table.Column<Guid>(type: "uuid", nullable: false),
                    Stream = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Posted = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HoldLegs", x => new { x.Hold, x.Leg });
                    table.ForeignKey(
                        name: "FK_HoldLegs_Accounts_From",
                        column: x => x.From,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HoldLegs_Accounts_To",
                        column: x => x.To,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HoldLegs_FundingStreams_Stream",
                        column: x => x.Stream,
                        principalTable: "FundingStreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HoldLegs_Holds_Hold",
                        column: x => x.Hold,
                        principalTable: "Holds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Postings",
                columns: table => new
                {
                    Account = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountVersion = table.Column<long>(type: "bigint", nullable: false),
                    Entry = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    Stream = table.Column<Guid>(type: "uuid", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    ResultingBalance = table.Column<long>(type: "bigint", nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Postings", x => new { x.Account, x.AccountVersion });
                    table.ForeignKey(
                        name: "FK_Postings_Accounts_Account",
                        column: x => x.Account,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Postings_FundingStreams_Stream",
                        column: x => x.Stream,
                        principalTable: "FundingStreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Postings_JournalEntries_Entry",
                        column: x => x.Entry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Area",
                table: "Accounts",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Kind_Area_Owner_Stream",
                table: "Accounts",
                columns: new[] { "Kind", "Area", "Owner", "Stream" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_Stream",
                table: "Accounts",
                column: "Stream");

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Area_Code",
                table: "Agencies",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_Assessment",
                table: "Allocations",
                column: "Assessment");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_Budget",
                table: "Allocations",
                column: "Budget");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_Entry",
                table: "Allocations",
                column: "Entry",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_IdempotencyKey",
                table: "Allocations",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Areas_Code",
                table: "Areas",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Area",
                table: "Assessments",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Pool",
                table: "Assessments",
                column: "Pool");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Subject",
                table: "Assessments",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Area_Code",
                table: "Budgets",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Area_Year",
                table: "Budgets",
                columns: new[] { "Area", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_CarriedFrom",
                table: "Budgets",
                column: "CarriedFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Holder",
                table: "Budgets",
                column: "Holder");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Pool",
                table: "Budgets",
                column: "Pool");

            migrationBuilder.CreateIndex(
                name: "IX_Budgets_Subject",
                table: "Budgets",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_Caseloads_Subject",
                table: "Caseloads",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_FundingStreams_Agency",
                table: "FundingStreams",
                column: "Agency");

            migrationBuilder.CreateIndex(
                name: "IX_FundingStreams_Area_Code",
                table: "FundingStreams",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HoldLegs_From",
                table: "HoldLegs",
                column: "From");

            migrationBuilder.CreateIndex(
                name: "IX_HoldLegs_Stream",
                table: "HoldLegs",
                column: "Stream");

            migrationBuilder.CreateIndex(
                name: "IX_HoldLegs_To",
                table: "HoldLegs",
                column: "To");

            migrationBuilder.CreateIndex(
                name: "IX_Holds_Area",
                table: "Holds",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_Holds_Status_ExpiresAt",
                table: "Holds",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMembers_Child",
                table: "HouseholdMembers",
                column: "Child");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_Area_EffectiveDate",
                table: "JournalEntries",
                columns: new[] { "Area", "EffectiveDate" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_RecordedAt",
                table: "JournalEntries",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_Reverses",
                table: "JournalEntries",
                column: "Reverses",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_SettlesHold",
                table: "JournalEntries",
                column: "SettlesHold",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDetailsReads_Subject_ReadAt",
                table: "PersonalDetailsReads",
                columns: new[] { "Subject", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Pools_Area_Code",
                table: "Pools",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Postings_Account_EffectiveDate",
                table: "Postings",
                columns: new[] { "Account", "EffectiveDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Postings_Account_RecordedAt",
                table: "Postings",
                columns: new[] { "Account", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Postings_Entry_Line",
                table: "Postings",
                columns: new[] { "Entry", "Line" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Postings_Stream",
                table: "Postings",
                column: "Stream");

            migrationBuilder.CreateIndex(
                name: "IX_Practitioners_Area_Code",
                table: "Practitioners",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subjects_Area_Reference",
                table: "Subjects",
                columns: new[] { "Area", "Reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Allocations");

            migrationBuilder.DropTable(
                name: "Caseloads");

            migrationBuilder.DropTable(
                name: "FinancialYearClosures");

            migrationBuilder.DropTable(
                name: "HoldLegs");

            migrationBuilder.DropTable(
                name: "HouseholdMembers");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "PeriodClosures");

            migrationBuilder.DropTable(
                name: "PersonalDetails");

            migrationBuilder.DropTable(
                name: "PersonalDetailsReads");

            migrationBuilder.DropTable(
                name: "Postings");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Budgets");

            migrationBuilder.DropTable(
                name: "Accounts");

            migrationBuilder.DropTable(
                name: "JournalEntries");

            migrationBuilder.DropTable(
                name: "Pools");

            migrationBuilder.DropTable(
                name: "Practitioners");

            migrationBuilder.DropTable(
                name: "Subjects");

            migrationBuilder.DropTable(
                name: "FundingStreams");

            migrationBuilder.DropTable(
                name: "Holds");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "Areas");
        }
    }
}
