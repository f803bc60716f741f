using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Assessments",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_IdempotencyKey",
                table: "Assessments",
                column: "IdempotencyKey",
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_IdempotencyKey",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Assessments");
        }
    }
}
