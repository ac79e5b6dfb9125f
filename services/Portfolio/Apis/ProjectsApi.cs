using System.Security.Claims;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Application;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Search;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Apis;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");

        projects.MapPost("/", CreateProject)
            .WithName("create-project")
            .WithSummary("Registers a project; an optional client-chosen id makes the call repeatable.")
            .RequireAuthorization(PlatformScopes.PortfolioWrite);

        projects.MapGet("/{id:guid}", GetProject)
            .WithName("get-project")
            .WithSummary("A project with its current version as ETag.");

        projects.MapPut("/{id:guid}", UpdateProject)
            .WithName("update-project")
            .WithSummary("Replaces a project's details and partners (If-Match required); partner role changes are kept as history.")
            .RequireAuthorization(PlatformScopes.PortfolioWrite);

        projects.MapPost("/{id:guid}/status", ChangeStatus)
            .WithName("change-project-status")
            .WithSummary("Moves a project to another IATI activity status; an invalid transition is a 409.")
            .RequireAuthorization(PlatformScopes.PortfolioWrite);

        projects.MapGet("/{id:guid}/history", GetHistory)
            .WithName("get-project-history")
            .WithSummary("Every status the project has had and every role its partners have held.");

        projects.MapGet("/", SearchProjects)
            .WithName("search-projects")
            .WithSummary("Full-text and faceted search: country, M49 region, grouping, SDG, modality, mode, status, funder, partner, sector, years.");

        projects.MapGet("/{id:guid}/similar", GetSimilarProjects)
            .WithName("get-similar-projects")
            .WithSummary("Projects sharing SDGs, sectors, countries or partners with this one, most similar first, with the reasons.");

        return api;
    }

    public static async Task<Results<Created<ProjectResponse>, ConflictProblem, UnprocessableProblem>> CreateProject(
        ProjectRequest request, ProjectCommands commands, PortfolioDbContext db, ClaimsPrincipal user, HttpResponse response, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var project = await commands.StageRegistrationAsync(request, user.GetClientId(), cancellationToken);
        await commands.SaveAsync(cancellationToken);
        response.SetETag(project.Version);
        return TypedResults.Created(links.PathTo("get-project", new() { ["id"] = project.Id }),
            await ProjectResponse.FromAsync(project, user, db, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFoundProblem>> GetProject(Guid id, PortfolioDbContext db, ClaimsPrincipal user,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return new NotFoundProblem("Project", id);
        }
        response.SetETag(project.Version);
        return TypedResults.Ok(await ProjectResponse.FromAsync(project, user, db, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFoundProblem, PreconditionFailedProblem, UnprocessableProblem, PreconditionRequiredProblem>> UpdateProject(
        Guid id, ProjectRequest request, ProjectCommands commands, PortfolioDbContext db, ClaimsPrincipal user, HttpRequest httpRequest,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var project = await commands.FindAsync(id, cancellationToken);
        httpRequest.RequireIfMatch(project.Version);
        user.EnsureOwnerOrAdmin(project.OwnerClientId);
        await commands.StageUpdateAsync(project, request, cancellationToken);
        await commands.SaveAsync(cancellationToken);
        response.SetETag(project.Version);
        return TypedResults.Ok(await ProjectResponse.FromAsync(project, user, db, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> ChangeStatus(
        Guid id, StatusChangeRequest request, ProjectCommands commands, PortfolioDbContext db, ClaimsPrincipal user, HttpRequest httpRequest,
        HttpResponse response, CancellationToken cancellationToken)
    {
        new ValidationErrors()
            .Require(request.Status is not null, "status", $"The status to move to: {EnumCodes<ProjectStatus>.List}.")
            .Require((request.Reason?.Length ?? 0) <= 2000, "reason", "The reason is longer than 2000 characters.")
            .ThrowIfAny();
        var project = await commands.FindAsync(id, cancellationToken);
        httpRequest.RequireIfMatch(project.Version);
        user.EnsureOwnerOrAdmin(project.OwnerClientId);
        commands.StageStatusChange(project, request.Status!.Value, request.Reason, user.GetClientId());
        await commands.SaveAsync(cancellationToken);
        response.SetETag(project.Version);
        return TypedResults.Ok(await ProjectResponse.FromAsync(project, user, db, cancellationToken));
    }

    public static async Task<Results<Ok<ProjectHistoryResponse>, NotFoundProblem>> GetHistory(Guid id, PortfolioDbContext db, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null ? new NotFoundProblem("Project", id) : TypedResults.Ok(ProjectHistoryResponse.From(project, user));
    }

    public static async Task<Results<Ok<ProjectSearchResponse>, BadRequestProblem>> SearchProjects(
        [AsParameters] ProjectSearchRequest request, ProjectSearchIndex index, ProjectTextSearch textSearch, CancellationToken cancellationToken)
    {
        var filter = request.ToFilter();
        await index.Ready.WaitAsync(cancellationToken);
        var ranks = filter.Text is { } text ? await textSearch.RankAsync(text, cancellationToken) : null;
        return TypedResults.Ok(index.Search(filter, ranks));
    }

    public static async Task<Results<Ok<IReadOnlyList<SimilarProject>>, BadRequestProblem, NotFoundProblem>> GetSimilarProjects(Guid id,
        ProjectSearchIndex index, CancellationToken cancellationToken, int limit = 10)
    {
        if (limit is not (>= 1 and <= 50))
        {
            return new BadRequestProblem("limit", "limit must be between 1 and 50.");
        }
        await index.Ready.WaitAsync(cancellationToken);
        return TypedResults.Ok(index.Similar(id, limit));
    }
}
