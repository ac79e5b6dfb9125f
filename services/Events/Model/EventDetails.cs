using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>
/// What an organizer states about an event; the body of create and update, and part of every event response.
/// Dates and venue may be left open on a draft (a future edition announced without them) but are needed to open registration.
/// </summary>
public record EventDetails : IValidatable
{
    public string Name { get; init => field = value?.Trim() ?? ""; } = "";

    /// <summary>The recurring event this is an edition of ("Belt and Road Inclusive and Sustainable City Exhibition and Dialogue").</summary>
    public string? Series { get; init => field = value.TrimmedOrNull(); }

    public int? Edition { get; init; }
    public EventKind Kind { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }

    /// <summary>IANA time zone of the venue ("Europe/Vienna"); activity times are dated in it. UTC when not given.</summary>
    public string? TimeZone { get; init; }

    public string? VenueName { get; init => field = value.TrimmedOrNull(); }
    public string? VenueCity { get; init => field = value.TrimmedOrNull(); }
    public string? VenueCountry { get; init; }
    public IReadOnlyList<EventOrganizer> Organizers { get; init; } = [];
    public IReadOnlyList<string> Themes { get; init; } = [];
    public IReadOnlyList<int> Sdgs { get; init; } = [];

    /// <summary>Seats for registrations to the event itself; null for no limit.</summary>
    public int? Capacity { get; init; }

    /// <summary>
    /// Whether a seat taken by a registration counts only once the registrant confirms their email address, and how long the seat is
    /// held until then. Required unless the organizer turns it off: anyone can register anonymously with any address.
    /// </summary>
    public EmailConfirmation EmailConfirmation { get; init => field = value ?? new(); } = new();

    /// <summary>Figures as the organizers reported them ("more than 450 participants"), apart from what the platform counts.</summary>
    public ReportedFigures Reported { get; init; } = new();

    public const int MaxNameLength = 300;

    /// <summary>The venue's time zone (a method, not a property, so that it stays out of the JSON).</summary>
    public TimeZoneInfo Zone() => TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;

    public void Validate(ValidationErrors errors)
    {
        errors.Text("name", Name, MaxNameLength, required: true)
            .Text("series", Series, MaxNameLength)
            .Require(Edition is null or (>= 1 and <= 1000), "edition", "edition must be between 1 and 1000.")
            .Require(Enum.IsDefined(Kind), "kind", "kind is not an event kind.")
            .Require(StartDate.HasValue == EndDate.HasValue, StartDate.HasValue ? "endDate" : "startDate", "Give both startDate and endDate, or neither.")
            .Require(!(StartDate > EndDate), "endDate", "endDate must not be before startDate.")
            .Require(!(EndDate?.DayNumber - StartDate?.DayNumber > 366), "endDate", "An event lasts at most a year.")
            .Require(TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _), "timeZone", $"'{TimeZone}' is not an IANA time zone.")
            .Text("venueName", VenueName, MaxNameLength)
            .Text("venueCity", VenueCity, 200);
        if (VenueCountry is not null)
        {
            errors.Country("venueCountry", VenueCountry);
        }
        errors.Require(Organizers is not null && Organizers.Count <= 50, "organizers", "Give at most 50 organizers.")
            .Each("organizers", Organizers, (e, field, organizer) => e.Text($"{field}.name", organizer?.Name, MaxNameLength, required: true))
            .Require(Themes is not null && Themes.Count <= 50, "themes", "Give at most 50 themes.")
            .Each("themes", Themes, (e, field, theme) => e.Text(field, theme, 200, required: true))
            .Require(Sdgs is not null && Sdgs.Distinct().Count() == Sdgs.Count, "sdgs", "Each SDG may be given once.")
            .Each("sdgs", Sdgs, (e, field, goal) => e.Sdg(field, goal))
            .Require(Capacity is null or (>= 1 and <= 1_000_000), "capacity", "capacity must be between 1 and 1000000, or null for no limit.")
            .Require(EmailConfirmation.HoldMinutes is >= EmailConfirmation.MinHoldMinutes and <= EmailConfirmation.MaxHoldMinutes,
                "emailConfirmation.holdMinutes",
                $"emailConfirmation.holdMinutes must be between {EmailConfirmation.MinHoldMinutes} and {EmailConfirmation.MaxHoldMinutes}.");
        ValidateFigure(errors, "reported.participants", Reported?.Participants);
        ValidateFigure(errors, "reported.organizations", Reported?.Organizations);
        ValidateFigure(errors, "reported.cities", Reported?.Cities);
        ValidateFigure(errors, "reported.countries", Reported?.Countries);
        ValidateFigure(errors, "reported.activities", Reported?.Activities);
    }

    private static void ValidateFigure(ValidationErrors errors, string field, ReportedFigure? figure) =>
        errors.Require(figure is null || (figure.Value is >= 0 and <= 10_000_000 && Enum.IsDefined(figure.Qualifier)), field,
            "A reported figure needs a value from 0 to 10000000 and a qualifier (exactly, approximately, more-than, at-least).");
}

/// <summary>Email confirmation of anonymous registrations: <see cref="HoldMinutes"/> is how long a seat waits for it.</summary>
public sealed record EmailConfirmation(bool Required = true, int HoldMinutes = EmailConfirmation.DefaultHoldMinutes)
{
    public const int DefaultHoldMinutes = 30;
    public const int MinHoldMinutes = 1;
    public const int MaxHoldMinutes = 7 * 24 * 60;
}
