using CooperationPlatform.Contracts.Messages.Directory;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Analytics.Tests.Support;

/// <summary>Contract messages as the source services publish them, built from a few facts.</summary>
public static class Sample
{
    private static int _year = 3000 + Random.Shared.Next(0, 3000);

    /// <summary>A year no other test uses: views filtered to it see only the test's own projects.</summary>
    public static int UniqueYear() => UniqueYears(1);

    /// <summary>The first of <paramref name="count"/> consecutive years no other test uses, for views over a range of years.</summary>
    public static int UniqueYears(int count) => Interlocked.Add(ref _year, count) - count + 1;

    public sealed record Partner(Guid Id, params PartnerRole[] Roles);

    public static ProjectSnapshot Project(Guid id, int year, int primarySdg, int[]? secondarySdgs = null, string[]? countries = null,
        ProjectStatus? status = ProjectStatus.Implementation, ProjectModality? modality = ProjectModality.SouthSouth,
        Partner[]? partners = null, (Guid Funder, decimal Amount, string Currency)[]? commitments = null, string[]? targets = null) => new()
    {
        ProjectId = id,
        IatiIdentifier = $"XM-TEST-{id:N}",
        Title = "Spirulina cultivation and processing " + id.ToString("N")[..6],
        Language = "en",
        Status = status,
        Modality = modality,
        PlannedStart = PartialDate.OfYear(year),
        Sdgs = [new SdgContribution(primarySdg, true, [.. (targets ?? []).Where(t => t.StartsWith($"{primarySdg}.", StringComparison.Ordinal))]),
            .. (secondarySdgs ?? []).Select(g => new SdgContribution(g, false, [.. (targets ?? []).Where(t => t.StartsWith($"{g}.", StringComparison.Ordinal))]))],
        Countries = [.. (countries ?? ["IDN"]).Select(c => new CountryShare(c, null))],
        Partners = [.. (partners ?? []).Select(p => new PartnerRoles(p.Id, p.Roles))],
        Funders = [.. (commitments ?? []).GroupBy(c => c.Funder).Select(g => new FunderCommitments(g.Key, [.. g.Select(c => new MoneyAmount(c.Amount, c.Currency))]))],
    };

    public static ProjectRegistered Registered(ProjectSnapshot project, long version = 1) =>
        new() { AggregateId = project.ProjectId, AggregateVersion = version, Project = project };

    public static ProjectUpdated Updated(ProjectSnapshot project, long version) =>
        new() { AggregateId = project.ProjectId, AggregateVersion = version, Project = project };

    public static ProjectStatusChanged StatusChanged(ProjectSnapshot project, long version) =>
        new() { AggregateId = project.ProjectId, AggregateVersion = version, Project = project, Status = project.Status!.Value };

    public static ProjectPartnerRolesChanged PartnersChanged(ProjectSnapshot project, long version) =>
        new() { AggregateId = project.ProjectId, AggregateVersion = version, Project = project, Changes = [] };

    public static InstitutionRegistered Institution(Guid id, string name, string? country, InstitutionType type = InstitutionType.ResearchOrTrainingCentre,
        Guid[]? networks = null, long version = 1) => new()
    {
        AggregateId = id,
        AggregateVersion = version,
        InstitutionId = id,
        Name = name,
        Country = country,
        Type = type,
        Status = InstitutionStatus.Active,
        NetworkIds = networks ?? [],
    };

    public static EventScheduled Event(Guid id, int year, string city, string country, EventStatus status = EventStatus.OpenForRegistration, long version = 1) => new()
    {
        AggregateId = id,
        AggregateVersion = version,
        EventId = id,
        Name = "Belt and Road Inclusive and Sustainable City Exhibition and Dialogue",
        Kind = EventKind.ExhibitionAndDialogue,
        Status = status,
        StartDate = new DateOnly(year, 10, 17),
        VenueCity = city,
        VenueCountry = country,
    };

    public static ParticipantFacts Participant(string country, string? city, string organization) =>
        new(Guid.NewGuid(), ParticipantKind.CityRepresentative, country, city, null, organization);

    public static RegistrationConfirmed Confirmed(Guid eventId, ParticipantFacts participant, long version = 1)
    {
        var id = Guid.NewGuid();
        return new() { AggregateId = id, AggregateVersion = version, RegistrationId = id, EventId = eventId, Participant = participant };
    }

    public static RegistrationCancelled Cancelled(RegistrationConfirmed confirmed, long version = 2) => new()
    {
        AggregateId = confirmed.AggregateId,
        AggregateVersion = version,
        RegistrationId = confirmed.RegistrationId,
        EventId = confirmed.EventId,
        Participant = confirmed.Participant,
        WasConfirmed = true,
    };

    public static MeetingRequested MeetingRequested(Guid meetingId, Guid eventId, ParticipantFacts requester, ParticipantFacts invitee) => new()
    {
        AggregateId = meetingId, AggregateVersion = 1, MeetingId = meetingId, EventId = eventId, Kind = MeetingKind.CityToBusiness,
        Requester = requester, Invitee = invitee,
    };

    public static MeetingScheduled MeetingScheduled(MeetingRequested requested) => new()
    {
        AggregateId = requested.MeetingId, AggregateVersion = 2, MeetingId = requested.MeetingId, EventId = requested.EventId, Kind = requested.Kind,
        Requester = requested.Requester, Invitee = requested.Invitee, SessionId = Guid.NewGuid(),
        StartsAt = DateTimeOffset.UtcNow, EndsAt = DateTimeOffset.UtcNow.AddMinutes(30), Table = 1,
    };

    public static MeetingOutcomeRecorded MeetingOutcome(MeetingRequested requested, MeetingOutcome outcome, Guid? linkedProject = null, long version = 3) => new()
    {
        AggregateId = requested.MeetingId, AggregateVersion = version, MeetingId = requested.MeetingId, EventId = requested.EventId, Kind = requested.Kind,
        Requester = requested.Requester, Invitee = requested.Invitee, Outcome = outcome, LinkedProjectId = linkedProject,
    };
}
