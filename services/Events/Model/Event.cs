using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>An event (an exhibition and dialogue, a forum, an annual meeting...): the aggregate its programme and registrations hang on.</summary>
public sealed class Event
{
    private Event()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Series { get; private set; }
    public int? Edition { get; private set; }
    public EventKind Kind { get; private set; }
    public EventStatus Status { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public string? TimeZone { get; private set; }
    public string? VenueName { get; private set; }
    public string? VenueCity { get; private set; }
    public string? VenueCountry { get; private set; }
    public IReadOnlyList<EventOrganizer> Organizers { get; private set; } = [];
    public List<string> Themes { get; private set; } = [];
    public List<int> Sdgs { get; private set; } = [];
    public ReportedFigures Reported { get; private set; } = new();
    public Seats Seats { get; private set; } = new();
    public bool EmailConfirmationRequired { get; private set; } = true;
    public int HoldMinutes { get; private set; } = EmailConfirmation.DefaultHoldMinutes;
    public string? OwnerClientId { get; private set; }
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public EventDetails Details => new()
    {
        Name = Name,
        Series = Series,
        Edition = Edition,
        Kind = Kind,
        StartDate = StartDate,
        EndDate = EndDate,
        TimeZone = TimeZone,
        VenueName = VenueName,
        VenueCity = VenueCity,
        VenueCountry = VenueCountry,
        Organizers = Organizers,
        Themes = Themes,
        Sdgs = Sdgs,
        Capacity = Seats.Capacity,
        EmailConfirmation = new EmailConfirmation(EmailConfirmationRequired, HoldMinutes),
        Reported = Reported,
    };

    /// <summary>
    /// How long a seat is held for a registrant who has not confirmed their email address; null when it is not needed (the event
    /// does not require it, or the organizer registered the person, or the address is confirmed already).
    /// </summary>
    public TimeSpan? HoldFor(bool emailConfirmed) => EmailConfirmationRequired && !emailConfirmed ? TimeSpan.FromMinutes(HoldMinutes) : null;

    public TimeZoneInfo Zone => Details.Zone();

    public static Event Create(Guid id, EventDetails details, string? ownerClientId, DateTimeOffset now)
    {
        var created = new Event { Id = id, Version = 1, Status = EventStatus.Draft, OwnerClientId = ownerClientId, CreatedAt = now, Seats = Seats.WithCapacity(details.Capacity) };
        created.Apply(details, [], now);
        return created;
    }

    /// <summary>
    /// Replaces the stated details. The programme must still fit the dates; the capacity is changed by the caller,
    /// under the event's lock, because it moves the waitlist.
    /// </summary>
    public void Update(EventDetails details, IReadOnlyCollection<Activity> programme, DateTimeOffset now)
    {
        if (Status != EventStatus.Draft && (details.StartDate is null || details.EndDate is null))
        {
            throw new RequestValidationException("startDate", "An event that has opened registration keeps its dates.");
        }
        Apply(details, programme, now);
        Version++;
    }

    private void Apply(EventDetails details, IReadOnlyCollection<Activity> programme, DateTimeOffset now)
    {
        var outside = programme.FirstOrDefault(activity => !activity.FitsIn(details.StartDate, details.EndDate, details.Zone()));
        if (outside is not null)
        {
            throw new RequestValidationException("startDate",
                $"The activity '{outside.Title}' ({outside.StartsAt:u} to {outside.EndsAt:u}) would fall outside the event's dates; move it first.");
        }
        Name = details.Name.Trim();
        Series = details.Series?.Trim();
        Edition = details.Edition;
        Kind = details.Kind;
        StartDate = details.StartDate;
        EndDate = details.EndDate;
        TimeZone = details.TimeZone;
        VenueName = details.VenueName?.Trim();
        VenueCity = details.VenueCity?.Trim();
        VenueCountry = details.VenueCountry;
        Organizers = [.. details.Organizers.Select(o => o with { Name = o.Name.Trim() })];
        Themes = [.. details.Themes.Select(t => t.Trim())];
        Sdgs = [.. details.Sdgs.Order()];
        Reported = details.Reported ?? new();
        EmailConfirmationRequired = details.EmailConfirmation.Required;
        HoldMinutes = details.EmailConfirmation.HoldMinutes;
        UpdatedAt = now;
    }

    private static readonly Dictionary<EventStatus, EventStatus[]> Transitions = new()
    {
        // A past event is recorded as a draft and concluded straight away.
        [EventStatus.Draft] = [EventStatus.OpenForRegistration, EventStatus.Concluded],
        [EventStatus.OpenForRegistration] = [EventStatus.Closed, EventStatus.Concluded],
        [EventStatus.Closed] = [EventStatus.OpenForRegistration, EventStatus.Concluded],
        [EventStatus.Concluded] = [],
    };

    public void TransitionTo(EventStatus status, DateTimeOffset now)
    {
        if (!Transitions[Status].Contains(status))
        {
            var allowed = Transitions[Status].Length == 0 ? "none" : string.Join(", ", Transitions[Status].Select(s => s.ToCode()));
            throw new ConflictException($"An event that is {Status.ToCode()} cannot become {status.ToCode()}; allowed: {allowed}.");
        }
        if (status == EventStatus.OpenForRegistration && StartDate is null)
        {
            throw new RequestValidationException("status", "Give the event its dates before opening registration.");
        }
        Status = status;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>The rule: registering to an event that is not open is bad input (400), not a conflict.</summary>
    public void EnsureOpenForRegistration()
    {
        if (Status != EventStatus.OpenForRegistration)
        {
            throw new RequestValidationException("eventId", $"The event is {Status.ToCode()}; registration is only possible while it is open for registration.");
        }
    }

    public void EnsureNotConcluded()
    {
        if (Status == EventStatus.Concluded)
        {
            throw new ConflictException("The event is concluded; its registrations and meetings can no longer change.");
        }
    }
}
