using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Directory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TrackCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "institution_track_counts",
                columns: table => new
                {
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counted_projects = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institution_track_counts", x => x.institution_id);
                });

            // The projects already received, counted as the message handler counts them from now on.
            migrationBuilder.Sql("""
                INSERT INTO institution_track_counts (institution_id, counted_projects)
                SELECT pp.institution_id, count(*)
                FROM project_partners AS pp JOIN portfolio_projects AS pr ON pr.id = pp.project_id
                WHERE pr.counts_for_track_record
                GROUP BY pp.institution_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "institution_track_counts");
        }
    }
}
