using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CooperationPlatform.Events.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EmailConfirmationAndParticipantMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "hold_expires_at",
                table: "registrations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "hold_lapsed",
                table: "registrations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "email_confirmed_at",
                table: "participants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "email_confirmation_required",
                table: "events",
                type: "boolean",
                nullable: false,
                // Existing events get the new default: anonymous registrations hold a seat until the address is confirmed.
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "hold_minutes",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "seats_held",
                table: "events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "seats_held",
                table: "activities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "participant_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "text", nullable: true),
                    token = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participant_messages", x => x.id);
                    table.ForeignKey(
                        name: "FK_participant_messages_events_event_id",
                        column: x => x.event_id,
                        principalTable: "events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_participant_messages_participants_participant_id",
                        column: x => x.participant_id,
                        principalTable: "participants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_participant_messages_event_id_participant_id",
                table: "participant_messages",
                columns: new[] { "event_id", "participant_id" });

            migrationBuilder.CreateIndex(
                name: "IX_participant_messages_participant_id",
                table: "participant_messages",
                column: "participant_id");

            migrationBuilder.CreateIndex(
                name: "ix_participant_messages_unsent",
                table: "participant_messages",
                column: "created_at",
                filter: "sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "participant_messages");

            migrationBuilder.DropColumn(
                name: "hold_expires_at",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "hold_lapsed",
                table: "registrations");

            migrationBuilder.DropColumn(
                name: "email_confirmed_at",
                table: "participants");

            migrationBuilder.DropColumn(
                name: "email_confirmation_required",
                table: "events");

            migrationBuilder.DropColumn(
                name: "hold_minutes",
                table: "events");

            migrationBuilder.DropColumn(
                name: "seats_held",
                table: "events");

            migrationBuilder.DropColumn(
                name: "seats_held",
                table: "activities");
        }
    }
}
