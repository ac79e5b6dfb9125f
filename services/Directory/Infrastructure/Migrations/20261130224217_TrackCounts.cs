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
            // Filled by TrackCountRecount at start-up, then kept by the project message handler.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "institution_track_counts");
        }
    }
}
