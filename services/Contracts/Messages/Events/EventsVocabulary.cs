namespace CooperationPlatform.Contracts.Messages.Events;

// The events service's vocabularies, here because its messages carry them and analytics reads them.

public enum EventKind
{
    ExhibitionAndDialogue,
    Forum,
    AnnualMeeting,
    Workshop,
    Fair,
}

public enum EventStatus
{
    Draft,
    OpenForRegistration,
    Closed,
    Concluded,
}

public enum ActivityKind
{
    HighLevelForum,
    Exhibition,
    StudyTour,
    CulturalPerformance,
    MayoralDialogue,
    SideSession,
    ThematicWorkshop,
    MatchmakingSession,
}

public enum ParticipantKind
{
    Delegate,
    Speaker,
    Exhibitor,
    Investor,
    CityRepresentative,
    Press,
}

public enum MeetingKind
{
    CityToCity,
    CityToBusiness,
    BusinessToBusiness,
}

public enum MeetingOutcome
{
    NoFollowUp,
    Lead,
    AgreementInPreparation,
}

/// <summary>How a figure reported by the organizers was stated: "more than 450 participants", "approximately fifty cities".</summary>
public enum FigureQualifier
{
    Exactly,
    Approximately,
    MoreThan,
    AtLeast,
}
