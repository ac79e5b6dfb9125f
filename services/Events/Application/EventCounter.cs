using CooperationPlatform.Events.IntegrationEvents;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Events.Application;

/// <summary>
/// What the platform counts for an event, from its own records: participants are confirmed registrations to the event;
/// an organization is a directory institution, or a free-text name compared without case; a city is a (city, country) pair.
/// Erased participants still count: erasure removes who they were, not that they came.
/// </summary>
public sealed class EventCounter(EventsDbContext db)
{
    public async Task<(EventCounts Counts, IReadOnlyList<string> Countries)> CountAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var confirmed = await (from r in db.Registrations
                               join p in db.Participants on r.ParticipantId equals p.Id
                               where r.EventId == eventId && r.ActivityId == null && r.Status == RegistrationStatus.Confirmed
                               select new { p.OrganizationInstitutionId, p.OrganizationName, p.City, p.Country })
            .AsNoTracking().ToListAsync(cancellationToken);
        var meetings = await db.Meetings.Where(m => m.EventId == eventId)
            .GroupBy(m => new { m.Status, m.Outcome, Linked = m.LinkedProjectId != null })
            .Select(g => new { g.Key.Status, g.Key.Outcome, g.Key.Linked, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var countries = confirmed.Select(p => p.Country).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = new EventCounts(
            Participants: confirmed.Count,
            Organizations: confirmed
                .Select(p => p.OrganizationInstitutionId?.ToString() ?? p.OrganizationName?.Trim().ToLowerInvariant())
                .OfType<string>().Distinct().Count(),
            Cities: confirmed.Where(p => p.City is not null).Select(p => (p.City!.Trim().ToLowerInvariant(), p.Country)).Distinct().Count(),
            Countries: countries.Count,
            Activities: await db.Activities.CountAsync(a => a.EventId == eventId, cancellationToken),
            Exhibitors: await db.Exhibitors.CountAsync(e => e.EventId == eventId, cancellationToken),
            MeetingsRequested: meetings.Sum(m => m.Count),
            MeetingsScheduled: meetings.Where(m => m.Status is MeetingStatus.Scheduled or MeetingStatus.Held).Sum(m => m.Count),
            MeetingsHeld: meetings.Where(m => m.Status == MeetingStatus.Held).Sum(m => m.Count),
            Leads: meetings.Where(m => m.Outcome == MeetingOutcome.Lead).Sum(m => m.Count),
            AgreementsInPreparation: meetings.Where(m => m.Outcome == MeetingOutcome.AgreementInPreparation).Sum(m => m.Count),
            LinkedProjects: meetings.Where(m => m.Linked).Sum(m => m.Count));
        return (counts, countries);
    }

    /// <summary>The message stating the event's current state; a concluded event's carries its final counts.</summary>
    public async Task<EventSnapshot> StateMessageAsync(Event e, CancellationToken cancellationToken)
    {
        if (e.Status != EventStatus.Concluded)
        {
            return OutgoingEvents.EventState(e);
        }
        var (counts, countries) = await CountAsync(e.Id, cancellationToken);
        return OutgoingEvents.EventState(e, counts, countries);
    }
}
