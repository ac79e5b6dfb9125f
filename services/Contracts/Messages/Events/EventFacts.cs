namespace CooperationPlatform.Contracts.Messages.Events;

/// <summary>An organizer of an event: a directory institution (when known) and the name it was given under.</summary>
public sealed record EventOrganizer(Guid? InstitutionId, string Name);

/// <summary>A figure as the organizers reported it, kept apart from what the platform counted.</summary>
public sealed record ReportedFigure(int Value, FigureQualifier Qualifier);

/// <summary>Reported figures of an event, each null when not reported.</summary>
public sealed record ReportedFigures(
    ReportedFigure? Participants = null,
    ReportedFigure? Organizations = null,
    ReportedFigure? Cities = null,
    ReportedFigure? Countries = null,
    ReportedFigure? Activities = null);

/// <summary>
/// What analytics may know about a participant: ids, kind, and where they come from. Never a name or an email.
/// The organization is a directory institution id, or the free-text name the participant gave.
/// </summary>
public sealed record ParticipantFacts(
    Guid ParticipantId,
    ParticipantKind Kind = default,
    string Country = "",
    string? City = null,
    Guid? OrganizationInstitutionId = null,
    string? OrganizationName = null);

/// <summary>Counted by the platform from its own registrations and meetings (confirmed event registrations only).</summary>
public sealed record EventCounts(
    int Participants = 0,
    int Organizations = 0,
    int Cities = 0,
    int Countries = 0,
    int Activities = 0,
    int Exhibitors = 0,
    int MeetingsRequested = 0,
    int MeetingsScheduled = 0,
    int MeetingsHeld = 0,
    int Leads = 0,
    int AgreementsInPreparation = 0,
    int LinkedProjects = 0);
