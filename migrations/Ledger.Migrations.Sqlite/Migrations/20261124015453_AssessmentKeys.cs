using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_IdempotencyKey",
                table: "Assessments",
                column: "IdempotencyKey",
                unique: true);
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
