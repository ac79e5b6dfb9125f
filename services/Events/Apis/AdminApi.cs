using CooperationPlatform.Events.IntegrationEvents;
using System.Runtime.CompilerServices;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Apis;

/// <summary>
/// Reconciliation snapshots for analytics: every aggregate's current state in the shape of the latest message it published
/// (a JSON array, streamed). Waitlisted registrations that were never confirmed published nothing and are left out.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder api)
    {
        var snapshot = api.MapGroup("/admin/snapshot").WithTags("Admin").RequireAuthorization(PlatformScopes.PlatformAdmin);
        snapshot.MapGet("/events", SnapshotEvents).WithName("snapshot-events")
            .WithSummary("Every event as its latest EventScheduled or EventConcluded message.");
        snapshot.MapGet("/registrations", SnapshotRegistrations).WithName("snapshot-registrations")
            .WithSummary("Every registration that published a message, as its latest RegistrationConfirmed or RegistrationCancelled.");
        snapshot.MapGet("/meetings", SnapshotMeetings).WithName("snapshot-meetings")
            .WithSummary("Every meeting as its latest MeetingRequested, MeetingScheduled or MeetingOutcomeRecorded message.");
        return api;
    }

    public static async IAsyncEnumerable<object> SnapshotEvents(EventsDbContext db, EventCounter counter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await db.Events.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var found = await db.Events.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
            yield return await counter.StateMessageAsync(found, cancellationToken);
        }
    }

    public static async IAsyncEnumerable<object> SnapshotRegistrations(EventsDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = (from r in db.Registrations.AsNoTracking()
                    join p in db.Participants on r.ParticipantId equals p.Id
                    where r.ConfirmedAt != null || r.Status == RegistrationStatus.Cancelled
                    orderby r.Id
                    select new { r, p }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row.r.Status == RegistrationStatus.Cancelled ? OutgoingEvents.Cancelled(row.r, row.p) : OutgoingEvents.Confirmed(row.r, row.p);
        }
    }

    public static async IAsyncEnumerable<object> SnapshotMeetings(EventsDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = (from m in db.Meetings.AsNoTracking()
                    join requester in db.Participants on m.RequesterId equals requester.Id
                    join invitee in db.Participants on m.InviteeId equals invitee.Id
                    orderby m.Id
                    select new { m, requester, invitee }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return OutgoingEvents.Latest(row.m, row.requester, row.invitee);
        }
    }
}
