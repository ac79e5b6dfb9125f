namespace CooperationPlatform.Contracts.Messages.Events;

/// <summary>
/// The full current state of an event's analytic fields. <see cref="IntegrationEvent.AggregateId"/> is <see cref="EventId"/>;
/// the message with the highest <see cref="IntegrationEvent.AggregateVersion"/> is the current state.
/// </summary>
public abstract record EventSnapshot : IntegrationEvent
{
    public Guid EventId { get; init; }
    public string Name { get; init; } = "";
    public string? Series { get; init; }
    public int? Edition { get; init; }
    public EventKind Kind { get; init; }
    public EventStatus Status { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? VenueName { get; init; }
    public string? VenueCity { get; init; }

    /// <summary>ISO 3166-1 alpha-3.</summary>
    public string? VenueCountry { get; init; }

    public IReadOnlyList<EventOrganizer> Organizers { get; init; } = [];
    public IReadOnlyList<string> Themes { get; init; } = [];
    public IReadOnlyList<int> Sdgs { get; init; } = [];
    public int? Capacity { get; init; }
    public ReportedFigures Reported { get; init; } = new();
}

/// <summary>An event was created or changed (details, dates, or a status short of concluded).</summary>
public sealed record EventScheduled : EventSnapshot;

/// <summary>An event was concluded, with its final counts. No registration changes after this.</summary>
public sealed record EventConcluded : EventSnapshot
{
    public EventCounts Counts { get; init; } = new();

    /// <summary>ISO 3166-1 alpha-3 codes of the countries the confirmed participants come from.</summary>
    public IReadOnlyList<string> ParticipantCountries { get; init; } = [];
}
