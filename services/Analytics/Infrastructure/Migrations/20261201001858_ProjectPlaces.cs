using CooperationPlatform.Analytics.Model;
using CooperationPlatform.Contracts.Reference;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ProjectPlaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "Places",
                table: "projects",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            // The places of the projects already received, from the reference data this build carries (as the projector computes them).
            var places = string.Join(",\n", Countries.All.SelectMany(c => PlaceCodes.Of([c.Alpha3]).Select(place => $"('{c.Alpha3}', '{place}')")));
            migrationBuilder.Sql($"""
                UPDATE projects p SET "Places" = ARRAY(
                    SELECT DISTINCT coalesce(m.place, c) COLLATE "C" FROM unnest(p."Countries") c
                    LEFT JOIN (VALUES {places}) AS m(country, place) ON m.country = upper(c) ORDER BY 1)
                WHERE cardinality(p."Countries") > 0;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_projects_Places",
                table: "projects",
                column: "Places")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_Places",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "Places",
                table: "projects");
        }
    }
}
