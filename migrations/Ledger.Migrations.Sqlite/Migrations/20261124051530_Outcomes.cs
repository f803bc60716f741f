using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssuranceSamples",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Percent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Threshold = table.Column<long>(type: "INTEGER", nullable: true),
                    VolumeFactor = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: true),
                    InvalidRatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    DrawnBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssuranceSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssuranceSamples_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Provider = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pool = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeContracts_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeContracts_Pools_Pool",
                        column: x => x.Pool,
                        principalTable: "Pools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeContracts_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Outcomes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outcomes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ProblemRecurrences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Child = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemRecurrences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemRecurrences_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProblemRecurrences_Subjects_Child",
                        column: x => x.Child,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RateCards",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Contract = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cohort = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateCards", x => new { x.Code, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "Enrolments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Contract = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cohort = table.Column<int>(type: "INTEGER", nullable: false),
                    Card = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    EnrolledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgeAtEnrolment = table.Column<int>(type: "INTEGER", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_DisabilitySeverity = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_PreviousExclusions = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_RiskFactors = table.Column<int>(type: "INTEGER", nullable: false),
                    Factors_YearsInCare = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrolments_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_OutcomeContracts_Contract",
                        column: x => x.Contract,
                        principalTable: "OutcomeContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Area = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Contract = table.Column<Guid>(type: "TEXT", nullable: false),
                    Enrolment = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Sustainment = table.Column<int>(type: "INTEGER", nullable: true),
                    AchievedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClaimedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Working = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PayableEntry = table.Column<Guid>(type: "TEXT", nullable: true),
                    PaymentRun = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClawbackRun = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClawbackEntry = table.Column<Guid>(type: "TEXT", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_Enrolments_Enrolment",
                        column: x => x.Enrolment,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_JournalEntries_ClawbackEntry",
                        column: x => x.ClawbackEntry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_JournalEntries_PayableEntry",
                        column: x => x.PayableEntry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_OutcomeContracts_Contract",
                        column: x => x.Contract,
                        principalTable: "OutcomeContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_PaymentRuns_ClawbackRun",
                        column: x => x.ClawbackRun,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_PaymentRuns_PaymentRun",
                        column: x => x.PaymentRun,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaims_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Claim = table.Column<Guid>(type: "TEXT", nullable: false),
                    Describes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_OutcomeClaims_Claim",
                        column: x => x.Claim,
                        principalTable: "OutcomeClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeClaimShares",
                columns: table => new
                {
                    Claim = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stream = table.Column<Guid>(type: "TEXT", nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeClaimShares", x => new { x.Claim, x.Stream });
                    table.ForeignKey(
                        name: "FK_OutcomeClaimShares_FundingStreams_Stream",
                        column: x => x.Stream,
                        principalTable: "FundingStreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutcomeClaimShares_OutcomeClaims_Claim",
                        column: x => x.Claim,
                        principalTable: "OutcomeClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpotChecks",
                columns: table => new
                {
                    Sample = table.Column<Guid>(type: "TEXT", nullable: false),
                    Claim = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CheckedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpotChecks", x => new { x.Sample, x.Claim });
                    table.ForeignKey(
                        name: "FK_SpotChecks_AssuranceSamples_Sample",
                        column: x => x.Sample,
                        principalTable: "AssuranceSamples",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpotChecks_OutcomeClaims_Claim",
                        column: x => x.Claim,
                        principalTable: "OutcomeClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssuranceSamples_Area_Reference",
                table: "AssuranceSamples",
                columns: new[] { "Area", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Area",
                table: "Enrolments",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Contract_Subject",
                table: "Enrolments",
                columns: new[] { "Contract", "Subject" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_IdempotencyKey",
                table: "Enrolments",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_Subject",
                table: "Enrolments",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_Claim",
                table: "EvidenceFiles",
                column: "Claim");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaimShares_Stream",
                table: "OutcomeClaimShares",
                column: "Stream");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_Area_Reference",
                table: "OutcomeClaims",
                columns: new[] { "Area", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_Area_Status",
                table: "OutcomeClaims",
                columns: new[] { "Area", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_ClawbackEntry",
                table: "OutcomeClaims",
                column: "ClawbackEntry");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_ClawbackRun",
                table: "OutcomeClaims",
                column: "ClawbackRun");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_Contract_Enrolment",
                table: "OutcomeClaims",
                columns: new[] { "Contract", "Enrolment" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_Enrolment",
                table: "OutcomeClaims",
                column: "Enrolment");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_IdempotencyKey",
                table: "OutcomeClaims",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_PayableEntry",
                table: "OutcomeClaims",
                column: "PayableEntry");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_PaymentRun",
                table: "OutcomeClaims",
                column: "PaymentRun");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeClaims_Provider",
                table: "OutcomeClaims",
                column: "Provider");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeContracts_Area_Code",
                table: "OutcomeContracts",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeContracts_Pool",
                table: "OutcomeContracts",
                column: "Pool");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeContracts_Provider",
                table: "OutcomeContracts",
                column: "Provider");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemRecurrences_Area",
                table: "ProblemRecurrences",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemRecurrences_Child",
                table: "ProblemRecurrences",
                column: "Child");

            migrationBuilder.CreateIndex(
                name: "IX_RateCards_Contract_Cohort",
                table: "RateCards",
                columns: new[] { "Contract", "Cohort" });

            migrationBuilder.CreateIndex(
                name: "IX_SpotChecks_Claim",
                table: "SpotChecks",
                column: "Claim");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "OutcomeClaimShares");

            migrationBuilder.DropTable(
                name: "Outcomes");

            migrationBuilder.DropTable(
                name: "ProblemRecurrences");

            migrationBuilder.DropTable(
                name: "RateCards");

            migrationBuilder.DropTable(
                name: "SpotChecks");

            migrationBuilder.DropTable(
                name: "AssuranceSamples");

            migrationBuilder.DropTable(
                name: "OutcomeClaims");

            migrationBuilder.DropTable(
                name: "Enrolments");

            migrationBuilder.DropTable(
                name: "OutcomeContracts");
        }
    }
}
