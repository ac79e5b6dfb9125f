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
    ParticipantKind Kind,
    string Country,
    string? City,
    Guid? OrganizationInstitutionId,
    string? OrganizationName);

/// <summary>Counted by the platform from its own registrations and meetings (confirmed event registrations only).</summary>
public sealed record EventCounts(
    int Participants,
    int Organizations,
    int Cities,
    int Countries,
    int Activities,
    int Exhibitors,
    int MeetingsRequested,
    int MeetingsScheduled,
    int MeetingsHeld,
    int Leads,
    int AgreementsInPreparation,
    int LinkedProjects);
