using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Portfolio.Model;

/// <summary>
/// The IATI activity life cycle: a pipeline activity is implemented, then finalised (activity over, accounts open), then closed.
/// Suspension pauses an activity that has not ended; cancellation and closure are final.
/// A project whose status was never reported may take any status first.
/// </summary>
public static class ProjectStatusTransitions
{
    private static readonly Dictionary<ProjectStatus, ProjectStatus[]> Allowed = new()
    {
        [ProjectStatus.Pipeline] = [ProjectStatus.Implementation, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.Implementation] = [ProjectStatus.Finalisation, ProjectStatus.Suspended, ProjectStatus.Cancelled],
        [ProjectStatus.Finalisation] = [ProjectStatus.Closed],
        [ProjectStatus.Suspended] = [ProjectStatus.Pipeline, ProjectStatus.Implementation, ProjectStatus.Cancelled],
        [ProjectStatus.Closed] = [],
        [ProjectStatus.Cancelled] = [],
    };

    public static bool IsAllowed(ProjectStatus? from, ProjectStatus to) => from is not { } current || Allowed[current].Contains(to);

    public static IReadOnlyList<ProjectStatus> From(ProjectStatus? from) =>
        from is { } current ? Allowed[current] : Enum.GetValues<ProjectStatus>();
}
