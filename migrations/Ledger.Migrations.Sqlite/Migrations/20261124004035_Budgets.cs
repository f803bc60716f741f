using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Budgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "JournalEntries",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "Agency",
                table: "FundingStreams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Categories",
                table: "FundingStreams",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ClientGroups",
                table: "FundingStreams",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ExpectedOutcome",
                table: "FundingStreams",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "ExpectedSpend",
                table: "FundingStreams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Form",
                table: "FundingStreams",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "RingFenced",
                table: "FundingStreams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "YearEndRule",
                table: "FundingStreams",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
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
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                name: "Pools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AllocationRule = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SplitPolicy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
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
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pool = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClientGroup = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    BeHealthy = table.Column<int>(type: "INTEGER", nullable: false),
                    StaySafe = table.Column<int>(type: "INTEGER", nullable: false),
                    EnjoyAndAchieve = table.Column<int>(type: "INTEGER", nullable: false),
                    PositiveContribution = table.Column<int>(type: "INTEGER", nullable: false),
                    EconomicWellBeing = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicativeAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Working = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Factors_DisabilitySeverity = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_PreviousExclusions = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_RiskFactors = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_YearsInCare = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Pool = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: true),
                    Holder = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderMode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientGroup = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CarriedFrom = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Practitioner = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    Family = table.Column<Guid>(type: "TEXT", nullable: false),
                    Child = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
                name: "Allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Budget = table.Column<Guid>(type: "TEXT", nullable: false),
                    Assessment = table.Column<Guid>(type: "TEXT", nullable: true),
                    IndicativeAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Working = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FinalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Entry = table.Column<Guid>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_FundingStreams_Agency",
                table: "FundingStreams",
                column: "Agency");

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
                name: "IX_HouseholdMembers_Child",
                table: "HouseholdMembers",
                column: "Child");

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
                name: "IX_Practitioners_Area_Code",
                table: "Practitioners",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subjects_Area_Reference",
                table: "Subjects",
                columns: new[] { "Area", "Reference" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_FundingStreams_Agencies_Agency",
                table: "FundingStreams",
                column: "Agency",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FundingStreams_Agencies_Agency",
                table: "FundingStreams");

            migrationBuilder.DropTable(
                name: "Agencies");

            migrationBuilder.DropTable(
                name: "Allocations");

            migrationBuilder.DropTable(
                name: "Caseloads");

            migrationBuilder.DropTable(
                name: "FinancialYearClosures");

            migrationBuilder.DropTable(
                name: "HouseholdMembers");

            migrationBuilder.DropTable(
                name: "PersonalDetails");

            migrationBuilder.DropTable(
                name: "PersonalDetailsReads");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Budgets");

            migrationBuilder.DropTable(
                name: "Pools");

            migrationBuilder.DropTable(
                name: "Practitioners");

            migrationBuilder.DropTable(
                name: "Subjects");

            migrationBuilder.DropIndex(
                name: "IX_FundingStreams_Agency",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "JournalEntries");

            migrationBuilder.DropColumn(
                name: "Agency",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "Categories",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "ClientGroups",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "ExpectedOutcome",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "ExpectedSpend",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "Form",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "RingFenced",
                table: "FundingStreams");

            migrationBuilder.DropColumn(
                name: "YearEndRule",
                table: "FundingStreams");
        }
    }
}
