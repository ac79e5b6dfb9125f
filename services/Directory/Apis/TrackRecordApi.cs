using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Apis;

/// <summary>An institution's track record: the portfolio projects it is a partner in, as the directory learnt them from messages.</summary>
public static class TrackRecordApi
{
    public const int ProjectsShown = 50;

    public static IEndpointRouteBuilder MapTrackRecordApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/institutions/{id:guid}/track-record", Get)
            .WithTags("Institutions")
            .WithName("get-track-record")
            .WithSummary("The portfolio projects an institution is a partner in, with their SDGs, sectors, countries and its roles.");
        return api;
    }

    public static async Task<Results<Ok<TrackRecordResponse>, NotFoundProblem>> Get(Guid id, InstitutionService institutions, DirectoryDbContext db,
        CancellationToken cancellationToken)
    {
        await institutions.FindAsync(id, cancellationToken);
        var projects = await db.PortfolioProjects
            .Where(p => p.Partners.Any(pp => pp.InstitutionId == id))
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Title, p.Status, p.StartYear, p.Sectors, p.Sdgs, p.Countries, p.CountsForTrackRecord,
                Roles = p.Partners.Where(pp => pp.InstitutionId == id).Select(pp => pp.Roles).First(),
            })
            .ToListAsync(cancellationToken);
        var counted = projects.Where(p => p.CountsForTrackRecord).ToList();
        return TypedResults.Ok(new TrackRecordResponse(
            id,
            counted.Count,
            [.. projects.GroupBy(p => p.Status).Select(g => new StatusCount(g.Key, g.Count())).OrderBy(s => s.Status)],
            [.. counted.SelectMany(p => p.Sdgs).Distinct().Order()],
            [.. counted.SelectMany(p => p.Sectors).Distinct().Order(StringComparer.Ordinal)],
            [.. counted.SelectMany(p => p.Countries).Distinct().Order(StringComparer.Ordinal)],
            [.. counted.SelectMany(p => p.Roles).Distinct().Order()],
            [.. projects.Take(ProjectsShown).Select(p => new TrackRecordProject(p.Id, p.Title, p.Status, p.StartYear, p.Roles, p.CountsForTrackRecord))]));
    }
}

/// <summary>
/// <see cref="Projects"/> counts projects that show what the institution has done (not pipeline, not cancelled); the SDGs,
/// sectors, countries and roles are theirs. <see cref="Recent"/> lists every project, latest start first, at most 50.
/// </summary>
public sealed record TrackRecordResponse(
    Guid InstitutionId,
    int Projects,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Countries,
    IReadOnlyList<PartnerRole> Roles,
    IReadOnlyList<TrackRecordProject> Recent);

public sealed record StatusCount(ProjectStatus? Status, int Projects);

public sealed record TrackRecordProject(Guid ProjectId, string Title, ProjectStatus? Status, int? StartYear, IReadOnlyList<PartnerRole> Roles, bool Counts);
