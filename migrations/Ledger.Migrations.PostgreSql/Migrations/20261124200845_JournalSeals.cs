using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class JournalSeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JournalSeals",
                columns: table => new
                {
                    Area = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Entry = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EntryHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChainHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSeals", x => new { x.Area, x.Sequence });
                    table.ForeignKey(
                        name: "FK_JournalSeals_Areas_Area",
                        column: x => x.Area,
                        principalTable: "Areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_Area_RecordedAt",
                table: "JournalEntries",
                columns: new[] { "Area", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalSeals_Entry",
                table: "JournalSeals",
                column: "Entry",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JournalSeals");

            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_Area_RecordedAt",
                table: "JournalEntries");
        }
    }
}
