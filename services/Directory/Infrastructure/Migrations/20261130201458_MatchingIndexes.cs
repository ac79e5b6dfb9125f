using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Directory.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MatchingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Partner matching selects its candidates by array overlaps on the offer profile, a complex property, which EF Core's
            // model cannot index: hence plain SQL.
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_institutions_offer_sectors ON institutions USING gin (offer_sectors);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_institutions_offer_sdgs ON institutions USING gin (offer_sdgs);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_institutions_offer_modes ON institutions USING gin (offer_modes);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_institutions_offer_countries ON institutions USING gin (offer_countries);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_institutions_offer_regions ON institutions USING gin (offer_regions);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_institutions_offer_sectors;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_institutions_offer_sdgs;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_institutions_offer_modes;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_institutions_offer_countries;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_institutions_offer_regions;");
        }
    }
}
