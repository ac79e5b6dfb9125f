using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DropCountriesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_Countries",
                table: "projects");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_projects_Countries",
                table: "projects",
                column: "Countries")
                .Annotation("Npgsql:IndexMethod", "gin");
        }
    }
}
