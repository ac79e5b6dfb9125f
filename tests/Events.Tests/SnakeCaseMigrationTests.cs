using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Events.Tests;

public sealed class SnakeCaseMigrationTests(InfrastructureFixture infrastructure)
{
    private const string MigrationBeforeSnakeCase = "20261123115506_Initial";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_written_under_the_PascalCase_names_are_read_back_under_the_snake_case_names()
    {
        await using var database = await MigrationTestDatabase<EventsDbContext>.AtAsync(infrastructure, MigrationBeforeSnakeCase, options => new EventsDbContext(options));
        var db = database.Db;
        var (eventId, participantId) = (Guid.NewGuid(), Guid.NewGuid());
        var organizer = Guid.NewGuid();
        const string reported = """{"participants":{"value":120,"qualifier":"exactly"}}""";
        await database.ExecuteAsync($$"""
            INSERT INTO events ("Id", "Name", "Kind", "Status", "StartDate", "VenueCountry", "Organizers", "Themes", "Sdgs", "Reported",
                "Version", "CreatedAt", "UpdatedAt", "Seats_Capacity", "Seats_Confirmed", "Seats_Waitlisted")
            VALUES ('{{eventId}}', 'Forum of the Belt and Road', 'Forum', 'OpenForRegistration', '2026-05-04', 'CHN',
                '[{"institutionId":"{{organizer}}","name":"Host university"}]', ARRAY['water'], ARRAY[6, 17],
                '{{reported}}', 3, now(), now(), 200, 1, 0);
            INSERT INTO participants ("Id", "EventId", "Name", "Email", "EmailKey", "Country", "Kind", "ListedPublicly", "RegisteredAt")
            VALUES ('{{participantId}}', '{{eventId}}', 'Li Wei', 'Li.Wei@example.org', 'li.wei@example.org', 'CHN', 'Delegate', true, now());
            """);

        await database.MigrateToLatestAsync();

        var migrated = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, Cancel);
        Assert.Equal("Forum of the Belt and Road", migrated.Name);
        Assert.Equal(EventStatus.OpenForRegistration, migrated.Status);
        Assert.Equal(new[] { new EventOrganizer(organizer, "Host university") }, migrated.Organizers);
        Assert.Equal(new ReportedFigure(120, FigureQualifier.Exactly), migrated.Reported.Participants);
        Assert.Equal((200, 1, 0), (migrated.Seats.Capacity, migrated.Seats.Confirmed, migrated.Seats.Waitlisted));
        Assert.Equal(3, migrated.Version);
        var participant = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == participantId, Cancel);
        Assert.Equal(("Li Wei", "li.wei@example.org", eventId), (participant.Name, participant.EmailKey, participant.EventId));
        // The filtered unique index was renamed with its columns, not rebuilt: it still refuses a second participant with that email.
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync($"""
            INSERT INTO participants (id, event_id, email_key, country, kind, listed_publicly, registered_at)
            VALUES ('{Guid.NewGuid()}', '{eventId}', 'li.wei@example.org', 'CHN', 'Delegate', false, now())
            """));
        Assert.Equal(("23505", "IX_participants_event_id_email_key"), (duplicate.SqlState, duplicate.ConstraintName));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
    }
}
