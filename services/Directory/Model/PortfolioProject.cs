using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Directory.Model;

/// <summary>
/// A portfolio project as the directory learns it from the portfolio's messages (never by calling the portfolio): what the
/// track records of its partner institutions need. A message older than the stored version is ignored.
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

    /// <summary>Whether it shows what its partners have done: not merely in the pipeline, and not cancelled.</summary>
    public bool CountsForTrackRecord { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The partners this project counts for: all of them while it <see cref="CountsForTrackRecord"/>, none otherwise.</summary>
    public IReadOnlySet<Guid> CountedPartners() => CountsForTrackRecord ? Partners.Select(p => p.InstitutionId).ToHashSet() : new HashSet<Guid>();

    public static PortfolioProject From(ProjectSnapshot snapshot, long version, DateTimeOffset now)
    {
        var project = new PortfolioProject { Id = snapshot.ProjectId };
        project.Apply(snapshot, version, now);
        return project;
    }

    /// <summary>Applies a snapshot newer than the stored one; returns false for a stale one.</summary>
    public bool Apply(ProjectSnapshot snapshot, long version, DateTimeOffset now)
    {
        if (Version != 0 && version <= Version)
        {
            return false;
        }
        Version = version;
        Title = snapshot.Title;
        Status = snapshot.Status;
        Modality = snapshot.Modality;
        StartYear = (snapshot.ActualStart ?? snapshot.PlannedStart)?.Year;
        Sectors = [.. snapshot.Sectors.Select(s => s.Code).Distinct()];
        Sdgs = [.. snapshot.Sdgs.Select(s => s.Goal).Distinct()];
        Countries = [.. snapshot.Countries.Select(c => c.Country).Distinct()];
        Regions = [.. snapshot.Regions.Select(r => r.Region).Distinct()];
        CountsForTrackRecord = snapshot.Status is not (ProjectStatus.Pipeline or ProjectStatus.Cancelled);
        UpdatedAt = now;

        var partners = snapshot.Partners.GroupBy(p => p.InstitutionId).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Roles).Distinct().ToList());
        Partners.RemoveAll(p => !partners.ContainsKey(p.InstitutionId));
        foreach (var (institutionId, roles) in partners)
        {
            var partner = Partners.Find(p => p.InstitutionId == institutionId);
            if (partner is null)
            {
                Partners.Add(new ProjectPartner { ProjectId = Id, InstitutionId = institutionId, Roles = roles });
            }
            else
            {
                partner.Roles = roles;
            }
        }
        return true;
    }
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
