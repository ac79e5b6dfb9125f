using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Directory.Model;

/// <summary>
/// A portfolio project as the directory learns it from the portfolio's messages (never by calling the portfolio): what the
/// track records of its partner institutions need. Written by <c>PortfolioProjectRows</c>; a message older than the stored version
/// is ignored.
/// </summary>
public sealed class PortfolioProject
{
    private PortfolioProject()
    {
    }

    public Guid Id { get; private set; }
    public long Version { get; private set; }
    public string Title { get; private set; } = "";
    public ProjectStatus? Status { get; private set; }
    public ProjectModality? Modality { get; private set; }
    public int? StartYear { get; private set; }
    public List<string> Sectors { get; private set; } = [];
    public List<int> Sdgs { get; private set; } = [];
    public List<string> Countries { get; private set; } = [];
    public List<string> Regions { get; private set; } = [];
    public List<ProjectPartner> Partners { get; private set; } = [];

    /// <summary>
    /// Whether it shows what its partners have done: not merely in the pipeline, and not cancelled. While it does, it counts for each
    /// of its partners (<see cref="InstitutionTrackCount"/>).
    /// </summary>
    public bool CountsForTrackRecord { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The directory's copy of the project a message describes, at the message's version.</summary>
    public static PortfolioProject From(ProjectSnapshot snapshot, long version, DateTimeOffset now) => new()
    {
        Id = snapshot.ProjectId,
        Version = version,
        Title = snapshot.Title,
        Status = snapshot.Status,
        Modality = snapshot.Modality,
        StartYear = (snapshot.ActualStart ?? snapshot.PlannedStart)?.Year,
        Sectors = [.. snapshot.Sectors.Select(s => s.Code).Distinct()],
        Sdgs = [.. snapshot.Sdgs.Select(s => s.Goal).Distinct()],
        Countries = [.. snapshot.Countries.Select(c => c.Country).Distinct()],
        Regions = [.. snapshot.Regions.Select(r => r.Region).Distinct()],
        Partners = [.. snapshot.Partners.GroupBy(p => p.InstitutionId).Select(g => new ProjectPartner
        {
            ProjectId = snapshot.ProjectId,
            InstitutionId = g.Key,
            Roles = [.. g.SelectMany(p => p.Roles).Distinct()],
        })],
        CountsForTrackRecord = snapshot.Status is not (ProjectStatus.Pipeline or ProjectStatus.Cancelled),
        UpdatedAt = now,
    };
}

/// <summary>
/// How many counted projects (<see cref="PortfolioProject.CountsForTrackRecord"/>) an institution is a partner of, kept with every
/// project message. Matching bounds an institution's track-record points by it before counting its relevant projects.
/// </summary>
public sealed class InstitutionTrackCount
{
    public Guid InstitutionId { get; init; }
    public int CountedProjects { get; init; }
}

public sealed class ProjectPartner
{
    public Guid ProjectId { get; init; }
    public Guid InstitutionId { get; init; }
    public List<PartnerRole> Roles { get; set; } = [];
}
