using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Events.Model;

namespace CooperationPlatform.Events.IntegrationEvents;

/// <summary>The messages this service publishes, built from its entities in one place. None carries a name or an email.</summary>
public static class OutgoingEvents
{
    /// <summary>The event's current state: <see cref="EventConcluded"/> once concluded (with <paramref name="counts"/>), else <see cref="EventScheduled"/>.</summary>
    public static EventSnapshot EventState(Event e, EventCounts? counts = null, IReadOnlyList<string>? participantCountries = null) =>
        e.Status == EventStatus.Concluded
            ? Fill(new EventConcluded
            {
                EventId = e.Id, Name = e.Name, Kind = e.Kind, Status = e.Status,
                Counts = counts ?? throw new ArgumentNullException(nameof(counts), "A concluded event's message carries its final counts."),
                ParticipantCountries = participantCountries ?? [],
            }, e)
            : Fill(new EventScheduled { EventId = e.Id, Name = e.Name, Kind = e.Kind, Status = e.Status }, e);

    private static T Fill<T>(T message, Event e) where T : EventSnapshot => message with
    {
        AggregateId = e.Id,
        AggregateVersion = e.Version,
        Series = e.Series,
        Edition = e.Edition,
        StartDate = e.StartDate,
        EndDate = e.EndDate,
        VenueName = e.VenueName,
        VenueCity = e.VenueCity,
        VenueCountry = e.VenueCountry,
        Organizers = e.Organizers,
        Themes = e.Themes,
        Sdgs = e.Sdgs,
        Capacity = e.Seats.Capacity,
        Reported = e.Reported,
    };

    public static RegistrationConfirmed Confirmed(Registration registration, Participant participant) =>
        Fill(new RegistrationConfirmed { PromotedFromWaitlist = registration.PromotedFromWaitlist }, registration, participant);

    public static RegistrationCancelled Cancelled(Registration registration, Participant participant) =>
        Fill(new RegistrationCancelled { WasConfirmed = registration.ConfirmedAt is not null }, registration, participant);

    private static T Fill<T>(T message, Registration registration, Participant participant) where T : RegistrationEvent => message with
    {
        AggregateId = registration.Id,
        AggregateVersion = registration.Version,
        RegistrationId = registration.Id,
        EventId = registration.EventId,
        ActivityId = registration.ActivityId,
        Participant = participant.Facts,
    };

    public static MeetingRequested Requested(Meeting meeting, Participant requester, Participant invitee) =>
        Fill(new MeetingRequested { MeetingId = meeting.Id, EventId = meeting.EventId, Kind = meeting.Kind, Requester = requester.Facts, Invitee = invitee.Facts }, meeting);

    public static MeetingScheduled Scheduled(Meeting meeting, Participant requester, Participant invitee) =>
        Fill(new MeetingScheduled
        {
            MeetingId = meeting.Id, EventId = meeting.EventId, Kind = meeting.Kind, Requester = requester.Facts, Invitee = invitee.Facts,
            SessionId = meeting.SessionId!.Value, StartsAt = meeting.StartsAt!.Value, EndsAt = meeting.EndsAt!.Value, Table = meeting.Table!.Value,
        }, meeting);

    public static MeetingOutcomeRecorded OutcomeRecorded(Meeting meeting, Participant requester, Participant invitee) =>
        Fill(new MeetingOutcomeRecorded
        {
            MeetingId = meeting.Id, EventId = meeting.EventId, Kind = meeting.Kind, Requester = requester.Facts, Invitee = invitee.Facts,
            Outcome = meeting.Outcome!.Value, LinkedProjectId = meeting.LinkedProjectId,
        }, meeting);

    /// <summary>The latest message a meeting has published, for the reconciliation snapshot.</summary>
    public static MeetingEvent Latest(Meeting meeting, Participant requester, Participant invitee) => meeting.Status switch
    {
        MeetingStatus.Held => OutcomeRecorded(meeting, requester, invitee),
        MeetingStatus.Scheduled => Scheduled(meeting, requester, invitee),
        _ => Requested(meeting, requester, invitee),
    };

    private static T Fill<T>(T message, Meeting meeting) where T : MeetingEvent =>
        message with { AggregateId = meeting.Id, AggregateVersion = meeting.Version };
}
