using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProjectFactsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_StartYear",
                table: "projects");

            migrationBuilder.AddColumn<int>(
                name: "PartnerCount",
                table: "projects",
                type: "integer",
                nullable: false,
                computedColumnSql: "cardinality(\"Partners\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_projects_StartYear_Status_Modality_PartnerCount",
                table: "projects",
                columns: new[] { "StartYear", "Status", "Modality", "PartnerCount" });

            migrationBuilder.CreateIndex(
                name: "IX_partner_pairs_A_B_StartYear_Status",
                table: "partner_pairs",
                columns: new[] { "A", "B", "StartYear", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_StartYear_Status_Modality_PartnerCount",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_partner_pairs_A_B_StartYear_Status",
                table: "partner_pairs");

            migrationBuilder.DropColumn(
                name: "PartnerCount",
                table: "projects");

            migrationBuilder.CreateIndex(
                name: "IX_projects_StartYear",
                table: "projects",
                column: "StartYear");
        }
    }
}
