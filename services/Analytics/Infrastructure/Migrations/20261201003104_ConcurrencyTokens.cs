using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The state versions became concurrency tokens: a model change only, no schema change.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
