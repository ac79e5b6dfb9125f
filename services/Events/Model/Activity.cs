using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>What an organizer states about a session of the programme.</summary>
public record ActivityDetails : IValidatable
{
    public string Title { get; init => field = value?.Trim() ?? ""; } = "";
    public ActivityKind Kind { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string? Place { get; init => field = value.TrimmedOrNull(); }
    public string? Description { get; init => field = value.TrimmedOrNull(); }

    /// <summary>Seats for registrations to the activity; null for no registration limit.</summary>
    public int? Capacity { get; init; }

    /// <summary>For a matchmaking session: how long each meeting slot is, and how many tables meet at once.</summary>
    public MatchmakingSetup? Matchmaking { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.Text("title", Title, EventDetails.MaxNameLength, required: true)
            .Require(Enum.IsDefined(Kind), "kind", "kind is not an activity kind.")
            .Require(StartsAt != default, "startsAt", "startsAt is required.")
            .Require(EndsAt > StartsAt, "endsAt", "endsAt must be after startsAt.")
            .Require(EndsAt - StartsAt <= TimeSpan.FromDays(31), "endsAt", "An activity lasts at most 31 days.")
            .Text("place", Place, 300)
            .Text("description", Description, 4000, multiline: true)
            .Require(Capacity is null or (>= 1 and <= 1_000_000), "capacity", "capacity must be between 1 and 1000000, or null for no limit.")
            .Require((Kind == ActivityKind.MatchmakingSession) == (Matchmaking is not null), "matchmaking",
                "A matchmaking session needs matchmaking (slotMinutes, tables); other activities must not have it.");
        if (Matchmaking is { } setup)
        {
            errors.Require(setup.SlotMinutes is >= 5 and <= 240, "matchmaking.slotMinutes", "slotMinutes must be between 5 and 240.")
                .Require(setup.Tables is >= 1 and <= 1000, "matchmaking.tables", "tables must be between 1 and 1000.")
                .Require(setup.SlotMinutes < 5 || (EndsAt - StartsAt).TotalMinutes >= setup.SlotMinutes, "matchmaking.slotMinutes",
                    "The session must be long enough for one slot.");
        }
    }
}

public sealed record MatchmakingSetup(int SlotMinutes, int Tables);

public sealed class Activity
{
    private Activity()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Title { get; private set; } = "";
    public ActivityKind Kind { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string? Place { get; private set; }
    public string? Description { get; private set; }
    public int? SlotMinutes { get; private set; }
    public int? Tables { get; private set; }
    public Seats Seats { get; private set; } = new();
    public long Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public ActivityDetails Details => new()
    {
        Title = Title,
        Kind = Kind,
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        Place = Place,
        Description = Description,
        Capacity = Seats.Capacity,
        Matchmaking = SlotMinutes is { } slot && Tables is { } tables ? new MatchmakingSetup(slot, tables) : null,
    };

    public bool IsMatchmakingSession => Kind == ActivityKind.MatchmakingSession;

    public static Activity Create(Guid id, Event owner, ActivityDetails details, DateTimeOffset now)
    {
        var activity = new Activity { Id = id, Version = 1, EventId = owner.Id, CreatedAt = now, Seats = Seats.WithCapacity(details.Capacity) };
        activity.Apply(owner, details, now);
        return activity;
    }

    /// <summary>Replaces the details; the capacity is changed by the caller under the activity's lock, because it moves the waitlist.</summary>
    public void Update(Event owner, ActivityDetails details, bool hasMeetings, DateTimeOffset now)
    {
        if (hasMeetings && (details.StartsAt != StartsAt || details.EndsAt != EndsAt || details.Matchmaking != Details.Matchmaking || details.Kind != Kind))
        {
            throw new ConflictException("Meetings are scheduled in this session; its kind, times and slots can no longer change.");
        }
        Apply(owner, details, now);
        Version++;
    }

    private void Apply(Event owner, ActivityDetails details, DateTimeOffset now)
    {
        if (owner.StartDate is null)
        {
            throw new RequestValidationException("startsAt", "The event has no dates yet; give it dates before adding its programme.");
        }
        if (!Fits(details.StartsAt, details.EndsAt, owner.StartDate, owner.EndDate, owner.Zone))
        {
            throw new RequestValidationException("startsAt",
                $"The activity must take place within the event's dates, {owner.StartDate:yyyy-MM-dd} to {owner.EndDate:yyyy-MM-dd} ({owner.Zone.Id}).");
        }
        Title = details.Title.Trim();
        Kind = details.Kind;
        StartsAt = details.StartsAt.ToUniversalTime();
        EndsAt = details.EndsAt.ToUniversalTime();
        Place = details.Place?.Trim();
        Description = details.Description?.Trim();
        SlotMinutes = details.Matchmaking?.SlotMinutes;
        Tables = details.Matchmaking?.Tables;
        UpdatedAt = now;
    }

    public bool FitsIn(DateOnly? startDate, DateOnly? endDate, TimeZoneInfo zone) => Fits(StartsAt, EndsAt, startDate, endDate, zone);

    private static bool Fits(DateTimeOffset startsAt, DateTimeOffset endsAt, DateOnly? startDate, DateOnly? endDate, TimeZoneInfo zone) =>
        startDate is { } first && endDate is { } last
        && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, zone).DateTime) >= first
        // An activity ending at midnight ends on the day before.
        && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(endsAt.AddTicks(-1), zone).DateTime) <= last;

    public bool Overlaps(DateTimeOffset startsAt, DateTimeOffset endsAt) => StartsAt < endsAt && startsAt < EndsAt;

    /// <summary>The start of every meeting slot of a matchmaking session, in order.</summary>
    public IEnumerable<DateTimeOffset> Slots()
    {
        if (SlotMinutes is not { } minutes)
        {
            yield break;
        }
        var length = TimeSpan.FromMinutes(minutes);
        for (var start = StartsAt; start + length <= EndsAt; start += length)
        {
            yield return start;
        }
    }

    public TimeSpan SlotLength => TimeSpan.FromMinutes(SlotMinutes ?? 0);
}
