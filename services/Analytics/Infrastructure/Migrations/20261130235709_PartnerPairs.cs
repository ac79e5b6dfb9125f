using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PartnerPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "partner_pairs",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    A = table.Column<Guid>(type: "uuid", nullable: false),
                    B = table.Column<Guid>(type: "uuid", nullable: false),
                    StartYear = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partner_pairs", x => new { x.ProjectId, x.A, x.B });
                    table.ForeignKey(
                        name: "FK_partner_pairs_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The pairs of the projects already received (uuid order, as ProjectRows writes them).
            migrationBuilder.Sql("""
                INSERT INTO partner_pairs ("ProjectId", "A", "B", "StartYear", "Status")
                SELECT p."Id", a, b, p."StartYear", p."Status" FROM projects p, unnest(p."Partners") a, unnest(p."Partners") b WHERE a < b;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "partner_pairs");
        }
    }
}
