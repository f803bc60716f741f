using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Purchasing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DelegatedLimits",
                columns: table => new
                {
                    Practitioner = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PerPurchase = table.Column<long>(type: "bigint", nullable: false),
                    Monthly = table.Column<long>(type: "bigint", nullable: false),
                    PanelThreshold = table.Column<long>(type: "bigint", nullable: false),
                    SetBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    SetAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DelegatedLimits", x => x.Practitioner);
                    table.ForeignKey(
                        name: "FK_DelegatedLimits_Practitioners_Practitioner",
                        column: x => x.Practitioner,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DelegatedMonths",
                columns: table => new
                {
                    Practitioner = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Committed = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DelegatedMonths", x => new { x.Practitioner, x.Month });
                    table.ForeignKey(
                        name: "FK_DelegatedMonths_Practitioners_Practitioner",
                        column: x => x.Practitioner,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Area = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false, collation: "Latin1_General_100_BIN2"),
                    RunOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentRuns_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Providers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Area = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Sector = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    SuspensionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true, collation: "Latin1_General_100_BIN2"),
                    SortCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false, collation: "Latin1_General_100_BIN2"),
                    AccountNumber = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false, collation: "Latin1_General_100_BIN2"),
                    AccountName = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false, collation: "Latin1_General_100_BIN2"),
                    RegisteredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Providers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Providers_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProviderPayments",
                columns: table => new
                {
                    Run = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Invoices = table.Column<int>(type: "int", nullable: false),
                    Entry = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderPayments", x => new { x.Run, x.Provider });
                    table.ForeignKey(
                        name: "FK_ProviderPayments_JournalEntries_Entry",
                        column: x => x.Entry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProviderPayments_PaymentRuns_Run",
                        column: x => x.Run,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProviderPayments_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ServiceItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Area = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Provider = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Category = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Unit = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false, collation: "Latin1_General_100_BIN2"),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceItems_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ServiceItems_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PurchaseOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Area = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Budget = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Subject = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceItem = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Category = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Unit = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false, collation: "Latin1_General_100_BIN2"),
                    UnitPrice = table.Column<long>(type: "bigint", nullable: false),
                    Quantity = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Need = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false, collation: "Latin1_General_100_BIN2"),
                    OutcomeSought = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false, collation: "Latin1_General_100_BIN2"),
                    ChildWishes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false, collation: "Latin1_General_100_BIN2"),
                    SpotReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true, collation: "Latin1_General_100_BIN2"),
                    BestInterestsReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true, collation: "Latin1_General_100_BIN2"),
                    RequestedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    NeedIdentifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OrderedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ServiceStartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Hold = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Route = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true, collation: "Latin1_General_100_BIN2"),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false, collation: "Latin1_General_100_BIN2"),
                    PlacedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PurchaseOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Budgets_Budget",
                        column: x => x.Budget,
                        principalTable: "Budgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Holds_Hold",
                        column: x => x.Hold,
                        principalTable: "Holds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Practitioners_DecidedBy",
                        column: x => x.DecidedBy,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Practitioners_RequestedBy",
                        column: x => x.RequestedBy,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_ServiceItems_ServiceItem",
                        column: x => x.ServiceItem,
                        principalTable: "ServiceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PurchaseOrders_Subjects_Subject",
                        column: x => x.Subject,
                        principalTable: "Subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Area = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Order = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Units = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    InvoicedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SettlementEntry = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PaymentRun = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false, collation: "Latin1_General_100_BIN2")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invoices_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_JournalEntries_SettlementEntry",
                        column: x => x.SettlementEntry,
                        principalTable: "JournalEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_PaymentRuns_PaymentRun",
                        column: x => x.PaymentRun,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_Providers_Provider",
                        column: x => x.Provider,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Invoices_PurchaseOrders_Order",
                        column: x => x.Order,
                        principalTable: "PurchaseOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Area_PaymentRun",
                table: "Invoices",
                columns: new[] { "Area", "PaymentRun" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Order",
                table: "Invoices",
                column: "Order",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_PaymentRun",
                table: "Invoices",
                column: "PaymentRun");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Provider_Number",
                table: "Invoices",
                columns: new[] { "Provider", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_SettlementEntry",
                table: "Invoices",
                column: "SettlementEntry");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_Area_Reference",
                table: "PaymentRuns",
                columns: new[] { "Area", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_Area_RunOn",
                table: "PaymentRuns",
                columns: new[] { "Area", "RunOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderPayments_Entry",
                table: "ProviderPayments",
                column: "Entry",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderPayments_Provider",
                table: "ProviderPayments",
                column: "Provider");

            migrationBuilder.CreateIndex(
                name: "IX_Providers_Area_Code",
                table: "Providers",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Area_Reference",
                table: "PurchaseOrders",
                columns: new[] { "Area", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Budget_OrderedOn",
                table: "PurchaseOrders",
                columns: new[] { "Budget", "OrderedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_DecidedBy",
                table: "PurchaseOrders",
                column: "DecidedBy");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Hold",
                table: "PurchaseOrders",
                column: "Hold",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_IdempotencyKey",
                table: "PurchaseOrders",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Provider",
                table: "PurchaseOrders",
                column: "Provider");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_RequestedBy",
                table: "PurchaseOrders",
                column: "RequestedBy");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_ServiceItem",
                table: "PurchaseOrders",
                column: "ServiceItem");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Status",
                table: "PurchaseOrders",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PurchaseOrders_Subject",
                table: "PurchaseOrders",
                column: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_Area_Code",
                table: "ServiceItems",
                columns: new[] { "Area", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceItems_Provider",
                table: "ServiceItems",
                column: "Provider");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DelegatedLimits");

            migrationBuilder.DropTable(
                name: "DelegatedMonths");

            migrationBuilder.DropTable(
                name: "Invoices");

            migrationBuilder.DropTable(
                name: "ProviderPayments");

            migrationBuilder.DropTable(
                name: "PurchaseOrders");

            migrationBuilder.DropTable(
                name: "PaymentRuns");

            migrationBuilder.DropTable(
                name: "ServiceItems");

            migrationBuilder.DropTable(
                name: "Providers");
        }
    }
}
