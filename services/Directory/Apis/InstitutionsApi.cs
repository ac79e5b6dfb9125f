using System.Security.Claims;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CooperationPlatform.Directory.Apis;

public static class InstitutionsApi
{
    public static IEndpointRouteBuilder MapInstitutionsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/institutions").WithTags("Institutions");

        group.MapGet("/", Search)
            .WithName("search-institutions")
            .WithSummary("Searches institutions and networks by full text and filters, with facet counts and stable paging (at most 100 a page).");
        group.MapGet("/{id:guid}", Get)
            .WithName("get-institution")
            .WithSummary("Gets an institution or network, archived ones included, with its ETag.");
        group.MapPost("/", Create)
            .WithName("create-institution")
            .WithSummary("Registers an institution or network, optionally under a client-chosen id.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        group.MapPut("/{id:guid}", Update)
            .WithName("update-institution")
            .WithSummary("Replaces an institution's data; needs If-Match with its current ETag.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        group.MapPost("/{id:guid}/archive", Archive)
            .WithName("archive-institution")
            .WithSummary("Archives an institution: it stays readable by id but leaves searches and matching. Needs If-Match.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        return api;
    }

    public static async Task<Results<Ok<InstitutionSearchResponse>, BadRequestProblem>> Search(
        [AsParameters] InstitutionSearchRequest request, [AsParameters] PageRequest page, InstitutionSearch search,
        CancellationToken cancellationToken)
    {
        var filter = request.ToFilter();
        page = page.Validated();
        var result = await search.SearchAsync(filter, page, cancellationToken);
        return TypedResults.Ok(new InstitutionSearchResponse(page.PageIndex, page.PageSize, result.Count, result.Items, result.Facets));
    }

    public static async Task<Results<Ok<InstitutionResponse>, NotFoundProblem>> Get(Guid id, InstitutionService institutions, ClaimsPrincipal user,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var institution = await institutions.FindAsync(id, cancellationToken);
        response.SetETag(institution.Version);
        return TypedResults.Ok(InstitutionResponse.From(institution, user));
    }

    public static async Task<Results<Created<InstitutionResponse>, ConflictProblem, UnprocessableProblem>> Create(CreateInstitutionRequest request,
        InstitutionService institutions, ClaimsPrincipal user, HttpResponse response, LinkGenerator links, CancellationToken cancellationToken)
    {
        var institution = await institutions.RegisterAsync(request.Id, request.ToDetails(), user.GetClientId(), cancellationToken);
        response.SetETag(institution.Version);
        return TypedResults.Created(links.PathTo("get-institution", new() { ["id"] = institution.Id }), InstitutionResponse.From(institution, user));
    }

    public static async Task<Results<Ok<InstitutionResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, UnprocessableProblem, PreconditionRequiredProblem>> Update(
        Guid id, InstitutionRequest request, InstitutionService institutions, ClaimsPrincipal user, HttpContext context,
        CancellationToken cancellationToken)
    {
        var institution = await institutions.UpdateAsync(id, request.ToDetails(), new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(institution.Version);
        return TypedResults.Ok(InstitutionResponse.From(institution, user));
    }

    public static async Task<Results<Ok<InstitutionResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> Archive(
        Guid id, InstitutionService institutions, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var institution = await institutions.ArchiveAsync(id, new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(institution.Version);
        return TypedResults.Ok(InstitutionResponse.From(institution, user));
    }
}

public sealed record InstitutionSearchResponse(
    int PageIndex, int PageSize, long Count, IReadOnlyList<InstitutionSummary> Items, InstitutionFacets Facets);

/// <summary>
/// Query string of a search: <c>q</c> (full text over name, acronym, description, city and sectors), and filters that may repeat
/// (<c>?sector=solar-energy&amp;sector=biogas</c> is either): country (ISO alpha-3), region (M49), grouping (ldc, lldc, sids),
/// type, status, sector, sdg, network (id), role. Archived institutions only with <c>includeArchived=true</c>.
/// </summary>
public sealed record InstitutionSearchRequest(
    string? Q,
    string[]? Country,
    string[]? Region,
    string[]? Grouping,
    string[]? Type,
    string[]? Status,
    string[]? Sector,
    int[]? Sdg,
    Guid[]? Network,
    string[]? Role,
    bool? IncludeArchived)
{
    public InstitutionFilter ToFilter()
    {
        var errors = new ValidationErrors()
            .Require((Q?.Length ?? 0) <= TextQuery.MaxLength, "q", $"The query must be at most {TextQuery.MaxLength} characters.")
            .CountryList("country", Country)
            .RegionList("region", Region)
            .Each("grouping", Grouping, (e, field, code) => e.Require(CountryGroupings.TryParse(code, out _), field, $"'{code}' is not a grouping; use ldc, lldc or sids."))
            .Codes<InstitutionType>("type", Type)
            .Codes<InstitutionStatus>("status", Status)
            .SectorList("sector", Sector)
            .SdgList("sdg", Sdg)
            .Codes<PartnerRole>("role", Role);
        errors.ThrowIfAny();

        var countrySets = new List<IReadOnlyList<string>>();
        if (Country is { Length: > 0 })
        {
            countrySets.Add(Country.CanonicalCountries());
        }
        if (Region is { Length: > 0 })
        {
            countrySets.Add([.. Region.SelectMany(Regions.CountriesIn).Select(c => c.Alpha3).Distinct()]);
        }
        if (Grouping is { Length: > 0 })
        {
            countrySets.Add([.. Grouping.SelectMany(g => Countries.InGrouping(CountryGroupings.Parse(g))).Select(c => c.Alpha3).Distinct()]);
        }
        return new InstitutionFilter
        {
            Text = TextQuery.Parse(Q),
            CountrySets = countrySets,
            Types = Type.ParseCodes<InstitutionType>(),
            Statuses = Status.ParseCodes<InstitutionStatus>(),
            Sectors = Sector.Canonical(Vocabularies.Sectors),
            Sdgs = [.. (Sdg ?? []).Distinct()],
            Networks = [.. (Network ?? []).Distinct()],
            Roles = Role.ParseCodes<PartnerRole>(),
            IncludeArchived = IncludeArchived ?? false,
        };
    }
}
