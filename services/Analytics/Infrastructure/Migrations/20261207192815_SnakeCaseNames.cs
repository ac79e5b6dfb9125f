using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SnakeCaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renames only, so that no row moves. EF Core generated drop-and-create for the foreign key, renamed in place here, and an
            // alteration of partner_count's expression, left out: PostgreSQL rewrites a stored generated column's expression when the
            // column it reads is renamed, and re-adding the column would recompute every row.
            migrationBuilder.RenameColumn(name: "Version", table: "registrations", newName: "version");
            migrationBuilder.RenameColumn(name: "Organization", table: "registrations", newName: "organization");
            migrationBuilder.RenameColumn(name: "Country", table: "registrations", newName: "country");
            migrationBuilder.RenameColumn(name: "Confirmed", table: "registrations", newName: "confirmed");
            migrationBuilder.RenameColumn(name: "City", table: "registrations", newName: "city");
            migrationBuilder.RenameColumn(name: "Id", table: "registrations", newName: "id");
            migrationBuilder.RenameColumn(name: "ParticipantId", table: "registrations", newName: "participant_id");
            migrationBuilder.RenameColumn(name: "EventId", table: "registrations", newName: "event_id");
            migrationBuilder.RenameColumn(name: "ActivityId", table: "registrations", newName: "activity_id");
            migrationBuilder.RenameIndex(name: "IX_registrations_Country", table: "registrations", newName: "IX_registrations_country");
            migrationBuilder.RenameIndex(name: "IX_registrations_EventId", table: "registrations", newName: "IX_registrations_event_id");
            migrationBuilder.RenameColumn(name: "Version", table: "projects", newName: "version");
            migrationBuilder.RenameColumn(name: "Title", table: "projects", newName: "title");
            migrationBuilder.RenameColumn(name: "Targets", table: "projects", newName: "targets");
            migrationBuilder.RenameColumn(name: "Status", table: "projects", newName: "status");
            migrationBuilder.RenameColumn(name: "Sdgs", table: "projects", newName: "sdgs");
            migrationBuilder.RenameColumn(name: "Places", table: "projects", newName: "places");
            migrationBuilder.RenameColumn(name: "Partners", table: "projects", newName: "partners");
            migrationBuilder.RenameColumn(name: "Modality", table: "projects", newName: "modality");
            migrationBuilder.RenameColumn(name: "Funders", table: "projects", newName: "funders");
            migrationBuilder.RenameColumn(name: "Countries", table: "projects", newName: "countries");
            migrationBuilder.RenameColumn(name: "Id", table: "projects", newName: "id");
            migrationBuilder.RenameColumn(name: "StartYear", table: "projects", newName: "start_year");
            migrationBuilder.RenameColumn(name: "PrimarySdg", table: "projects", newName: "primary_sdg");
            migrationBuilder.RenameColumn(name: "PartnerCount", table: "projects", newName: "partner_count");
            migrationBuilder.RenameColumn(name: "CommitmentFunders", table: "projects", newName: "commitment_funders");
            migrationBuilder.RenameColumn(name: "CommitmentCurrencies", table: "projects", newName: "commitment_currencies");
            migrationBuilder.RenameColumn(name: "CommitmentAmounts", table: "projects", newName: "commitment_amounts");
            migrationBuilder.RenameIndex(name: "IX_projects_Sdgs", table: "projects", newName: "IX_projects_sdgs");
            migrationBuilder.RenameIndex(name: "IX_projects_Places", table: "projects", newName: "IX_projects_places");
            migrationBuilder.RenameIndex(name: "IX_projects_Partners", table: "projects", newName: "IX_projects_partners");
            migrationBuilder.RenameIndex(name: "IX_projects_StartYear_Status_Modality_PartnerCount", table: "projects", newName: "IX_projects_start_year_status_modality_partner_count");
            migrationBuilder.RenameColumn(name: "Status", table: "partner_pairs", newName: "status");
            migrationBuilder.RenameColumn(name: "B", table: "partner_pairs", newName: "b");
            migrationBuilder.RenameColumn(name: "A", table: "partner_pairs", newName: "a");
            migrationBuilder.RenameColumn(name: "StartYear", table: "partner_pairs", newName: "start_year");
            migrationBuilder.RenameColumn(name: "ProjectId", table: "partner_pairs", newName: "project_id");
            migrationBuilder.RenameIndex(name: "IX_partner_pairs_A_B_StartYear_Status", table: "partner_pairs", newName: "IX_partner_pairs_a_b_start_year_status");
            migrationBuilder.RenameColumn(name: "Version", table: "meetings", newName: "version");
            migrationBuilder.RenameColumn(name: "Stage", table: "meetings", newName: "stage");
            migrationBuilder.RenameColumn(name: "Outcome", table: "meetings", newName: "outcome");
            migrationBuilder.RenameColumn(name: "Id", table: "meetings", newName: "id");
            migrationBuilder.RenameColumn(name: "LinkedProjectId", table: "meetings", newName: "linked_project_id");
            migrationBuilder.RenameColumn(name: "EventId", table: "meetings", newName: "event_id");
            migrationBuilder.RenameIndex(name: "IX_meetings_EventId", table: "meetings", newName: "IX_meetings_event_id");
            migrationBuilder.RenameColumn(name: "Version", table: "institutions", newName: "version");
            migrationBuilder.RenameColumn(name: "Type", table: "institutions", newName: "type");
            migrationBuilder.RenameColumn(name: "Name", table: "institutions", newName: "name");
            migrationBuilder.RenameColumn(name: "Country", table: "institutions", newName: "country");
            migrationBuilder.RenameColumn(name: "Archived", table: "institutions", newName: "archived");
            migrationBuilder.RenameColumn(name: "Id", table: "institutions", newName: "id");
            migrationBuilder.RenameColumn(name: "NetworksVersion", table: "institutions", newName: "networks_version");
            migrationBuilder.RenameColumn(name: "NetworkIds", table: "institutions", newName: "network_ids");
            migrationBuilder.RenameIndex(name: "IX_institutions_Country", table: "institutions", newName: "IX_institutions_country");
            migrationBuilder.RenameIndex(name: "IX_institutions_NetworkIds", table: "institutions", newName: "IX_institutions_network_ids");
            migrationBuilder.RenameColumn(name: "Version", table: "events", newName: "version");
            migrationBuilder.RenameColumn(name: "Status", table: "events", newName: "status");
            migrationBuilder.RenameColumn(name: "Name", table: "events", newName: "name");
            migrationBuilder.RenameColumn(name: "Id", table: "events", newName: "id");
            migrationBuilder.RenameColumn(name: "VenueCountry", table: "events", newName: "venue_country");
            migrationBuilder.RenameColumn(name: "VenueCity", table: "events", newName: "venue_city");
            migrationBuilder.RenameColumn(name: "StartYear", table: "events", newName: "start_year");
            migrationBuilder.RenameIndex(name: "IX_events_VenueCountry", table: "events", newName: "IX_events_venue_country");
            migrationBuilder.Sql("""ALTER TABLE partner_pairs RENAME CONSTRAINT "FK_partner_pairs_projects_ProjectId" TO "FK_partner_pairs_projects_project_id";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE partner_pairs RENAME CONSTRAINT "FK_partner_pairs_projects_project_id" TO "FK_partner_pairs_projects_ProjectId";""");
            migrationBuilder.RenameIndex(name: "IX_events_venue_country", table: "events", newName: "IX_events_VenueCountry");
            migrationBuilder.RenameColumn(name: "start_year", table: "events", newName: "StartYear");
            migrationBuilder.RenameColumn(name: "venue_city", table: "events", newName: "VenueCity");
            migrationBuilder.RenameColumn(name: "venue_country", table: "events", newName: "VenueCountry");
            migrationBuilder.RenameColumn(name: "id", table: "events", newName: "Id");
            migrationBuilder.RenameColumn(name: "name", table: "events", newName: "Name");
            migrationBuilder.RenameColumn(name: "status", table: "events", newName: "Status");
            migrationBuilder.RenameColumn(name: "version", table: "events", newName: "Version");
            migrationBuilder.RenameIndex(name: "IX_institutions_network_ids", table: "institutions", newName: "IX_institutions_NetworkIds");
            migrationBuilder.RenameIndex(name: "IX_institutions_country", table: "institutions", newName: "IX_institutions_Country");
            migrationBuilder.RenameColumn(name: "network_ids", table: "institutions", newName: "NetworkIds");
            migrationBuilder.RenameColumn(name: "networks_version", table: "institutions", newName: "NetworksVersion");
            migrationBuilder.RenameColumn(name: "id", table: "institutions", newName: "Id");
            migrationBuilder.RenameColumn(name: "archived", table: "institutions", newName: "Archived");
            migrationBuilder.RenameColumn(name: "country", table: "institutions", newName: "Country");
            migrationBuilder.RenameColumn(name: "name", table: "institutions", newName: "Name");
            migrationBuilder.RenameColumn(name: "type", table: "institutions", newName: "Type");
            migrationBuilder.RenameColumn(name: "version", table: "institutions", newName: "Version");
            migrationBuilder.RenameIndex(name: "IX_meetings_event_id", table: "meetings", newName: "IX_meetings_EventId");
            migrationBuilder.RenameColumn(name: "event_id", table: "meetings", newName: "EventId");
            migrationBuilder.RenameColumn(name: "linked_project_id", table: "meetings", newName: "LinkedProjectId");
            migrationBuilder.RenameColumn(name: "id", table: "meetings", newName: "Id");
            migrationBuilder.RenameColumn(name: "outcome", table: "meetings", newName: "Outcome");
            migrationBuilder.RenameColumn(name: "stage", table: "meetings", newName: "Stage");
            migrationBuilder.RenameColumn(name: "version", table: "meetings", newName: "Version");
            migrationBuilder.RenameIndex(name: "IX_partner_pairs_a_b_start_year_status", table: "partner_pairs", newName: "IX_partner_pairs_A_B_StartYear_Status");
            migrationBuilder.RenameColumn(name: "project_id", table: "partner_pairs", newName: "ProjectId");
            migrationBuilder.RenameColumn(name: "start_year", table: "partner_pairs", newName: "StartYear");
            migrationBuilder.RenameColumn(name: "a", table: "partner_pairs", newName: "A");
            migrationBuilder.RenameColumn(name: "b", table: "partner_pairs", newName: "B");
            migrationBuilder.RenameColumn(name: "status", table: "partner_pairs", newName: "Status");
            migrationBuilder.RenameIndex(name: "IX_projects_start_year_status_modality_partner_count", table: "projects", newName: "IX_projects_StartYear_Status_Modality_PartnerCount");
            migrationBuilder.RenameIndex(name: "IX_projects_partners", table: "projects", newName: "IX_projects_Partners");
            migrationBuilder.RenameIndex(name: "IX_projects_places", table: "projects", newName: "IX_projects_Places");
            migrationBuilder.RenameIndex(name: "IX_projects_sdgs", table: "projects", newName: "IX_projects_Sdgs");
            migrationBuilder.RenameColumn(name: "commitment_amounts", table: "projects", newName: "CommitmentAmounts");
            migrationBuilder.RenameColumn(name: "commitment_currencies", table: "projects", newName: "CommitmentCurrencies");
            migrationBuilder.RenameColumn(name: "commitment_funders", table: "projects", newName: "CommitmentFunders");
            migrationBuilder.RenameColumn(name: "partner_count", table: "projects", newName: "PartnerCount");
            migrationBuilder.RenameColumn(name: "primary_sdg", table: "projects", newName: "PrimarySdg");
            migrationBuilder.RenameColumn(name: "start_year", table: "projects", newName: "StartYear");
            migrationBuilder.RenameColumn(name: "id", table: "projects", newName: "Id");
            migrationBuilder.RenameColumn(name: "countries", table: "projects", newName: "Countries");
            migrationBuilder.RenameColumn(name: "funders", table: "projects", newName: "Funders");
            migrationBuilder.RenameColumn(name: "modality", table: "projects", newName: "Modality");
            migrationBuilder.RenameColumn(name: "partners", table: "projects", newName: "Partners");
            migrationBuilder.RenameColumn(name: "places", table: "projects", newName: "Places");
            migrationBuilder.RenameColumn(name: "sdgs", table: "projects", newName: "Sdgs");
            migrationBuilder.RenameColumn(name: "status", table: "projects", newName: "Status");
            migrationBuilder.RenameColumn(name: "targets", table: "projects", newName: "Targets");
            migrationBuilder.RenameColumn(name: "title", table: "projects", newName: "Title");
            migrationBuilder.RenameColumn(name: "version", table: "projects", newName: "Version");
            migrationBuilder.RenameIndex(name: "IX_registrations_event_id", table: "registrations", newName: "IX_registrations_EventId");
            migrationBuilder.RenameIndex(name: "IX_registrations_country", table: "registrations", newName: "IX_registrations_Country");
            migrationBuilder.RenameColumn(name: "activity_id", table: "registrations", newName: "ActivityId");
            migrationBuilder.RenameColumn(name: "event_id", table: "registrations", newName: "EventId");
            migrationBuilder.RenameColumn(name: "participant_id", table: "registrations", newName: "ParticipantId");
            migrationBuilder.RenameColumn(name: "id", table: "registrations", newName: "Id");
            migrationBuilder.RenameColumn(name: "city", table: "registrations", newName: "City");
            migrationBuilder.RenameColumn(name: "confirmed", table: "registrations", newName: "Confirmed");
            migrationBuilder.RenameColumn(name: "country", table: "registrations", newName: "Country");
            migrationBuilder.RenameColumn(name: "organization", table: "registrations", newName: "Organization");
            migrationBuilder.RenameColumn(name: "version", table: "registrations", newName: "Version");
        }
    }
}
