using System.Security.Claims;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Infrastructure.EntityConfigurations;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Apis;

/// <summary>Offers (<c>/offers</c>) and needs (<c>/needs</c>): the same shape and rules, two resources.</summary>
public static class ListingsApi
{
    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder api)
    {
        MapListings(api, ListingKind.Offer, "offers", "offer");
        MapListings(api, ListingKind.Need, "needs", "need");
        return api;
    }

    private static void MapListings(IEndpointRouteBuilder api, ListingKind kind, string path, string noun)
    {
        var group = api.MapGroup("/" + path).WithTags("Offers and needs");
        group.MapGet("/", ([AsParameters] ListingSearchRequest request, [AsParameters] PageRequest page, DirectoryDbContext db, CancellationToken cancellationToken) =>
                Search(kind, request, page, db, cancellationToken))
            .WithName($"search-{path}")
            .WithSummary($"Lists {path}, newest first, filtered by institution, sector, SDG, target country or region, mode, status and words.");
        group.MapGet("/{id:guid}", (Guid id, ListingService listings, HttpResponse response, CancellationToken cancellationToken) =>
                Get(kind, id, listings, response, cancellationToken))
            .WithName($"get-{noun}")
            .WithSummary($"Gets an {noun} with its ETag.");
        group.MapPost("/", (CreateListingRequest request, ListingService listings, ClaimsPrincipal user, HttpContext context, LinkGenerator links,
                CancellationToken cancellationToken) => Publish(kind, noun, request, listings, user, context, links, cancellationToken))
            .WithName($"publish-{noun}")
            .WithSummary($"Publishes an {noun} of an institution the client owns, optionally under a client-chosen id.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        group.MapPut("/{id:guid}", (Guid id, ListingRequest request, ListingService listings, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken) =>
                Update(kind, id, request, listings, user, context, cancellationToken))
            .WithName($"update-{noun}")
            .WithSummary($"Replaces an {noun}'s data, status (open, closed) included; needs If-Match.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        group.MapPost("/{id:guid}/archive", (Guid id, ListingService listings, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken) =>
                Archive(kind, id, listings, user, context, cancellationToken))
            .WithName($"archive-{noun}")
            .WithSummary($"Archives an {noun}; needs If-Match.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
    }

    public static async Task<Results<Ok<Page<ListingResponse>>, BadRequestProblem>> Search(
        ListingKind kind, ListingSearchRequest request, PageRequest page, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        page = page.Validated();
        var query = request.Apply(db.Listings.Where(l => l.Kind == kind));
        var count = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Skip(page.Skip).Take(page.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ListingResponse>(page.PageIndex, page.PageSize, count, [.. items.Select(ListingResponse.From)]));
    }

    public static async Task<Results<Ok<ListingResponse>, NotFoundProblem>> Get(
        ListingKind kind, Guid id, ListingService listings, HttpResponse response, CancellationToken cancellationToken)
    {
        var listing = await listings.FindAsync(kind, id, cancellationToken);
        response.SetETag(listing.Version);
        return TypedResults.Ok(ListingResponse.From(listing));
    }

    public static async Task<Results<Created<ListingResponse>, ConflictProblem, UnprocessableProblem>> Publish(ListingKind kind, string noun,
        CreateListingRequest request, ListingService listings, ClaimsPrincipal user, HttpContext context, LinkGenerator links,
        CancellationToken cancellationToken)
    {
        var details = request.Validate();
        var listing = await listings.PublishAsync(kind, request.Id, request.InstitutionId!.Value, details, new WriteGuard(user, context.Request),
            cancellationToken);
        context.Response.SetETag(listing.Version);
        return TypedResults.Created(links.PathTo($"get-{noun}", new() { ["id"] = listing.Id }), ListingResponse.From(listing));
    }

    public static async Task<Results<Ok<ListingResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> Update(
        ListingKind kind, Guid id, ListingRequest request, ListingService listings, ClaimsPrincipal user, HttpContext context,
        CancellationToken cancellationToken)
    {
        var listing = await listings.UpdateAsync(kind, id, request.Validate(), new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(listing.Version);
        return TypedResults.Ok(ListingResponse.From(listing));
    }

    public static async Task<Results<Ok<ListingResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> Archive(
        ListingKind kind, Guid id, ListingService listings, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var listing = await listings.ArchiveAsync(kind, id, new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(listing.Version);
        return TypedResults.Ok(ListingResponse.From(listing));
    }
}

/// <summary>An offer or need as a client sends it, whole; status defaults to open.</summary>
public record ListingRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public ListingStatus? Status { get; init; }
    public IReadOnlyList<string>? Sectors { get; init; }
    public IReadOnlyList<int>? Sdgs { get; init; }
    public IReadOnlyList<string>? TargetCountries { get; init; }
    public IReadOnlyList<string>? TargetRegions { get; init; }
    public IReadOnlyList<string>? CooperationModes { get; init; }

    public ListingDetails Validate(ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        errors.Text("title", Title, InstitutionLimits.Name, required: true)
            .Text("description", Description, InstitutionLimits.Description, multiline: true)
            .SectorList("sectors", Sectors)
            .SdgList("sdgs", Sdgs)
            .CountryList("targetCountries", TargetCountries)
            .RegionList("targetRegions", TargetRegions)
            .ModeList("cooperationModes", CooperationModes)
            .ThrowIfAny();
        return new ListingDetails(
            Title!.Trim(),
            Description.TrimmedOrNull(),
            Status ?? ListingStatus.Open,
            Sectors.Canonical(Vocabularies.Sectors),
            [.. (Sdgs ?? []).Distinct()],
            TargetCountries.CanonicalCountries(),
            [.. (TargetRegions ?? []).Distinct()],
            CooperationModes.Canonical(Vocabularies.CooperationModes));
    }
}

public sealed record CreateListingRequest : ListingRequest
{
    public Guid? Id { get; init; }
    public Guid? InstitutionId { get; init; }

    public ListingDetails Validate() =>
        Validate(new ValidationErrors().Require(InstitutionId is not null && InstitutionId != Guid.Empty, "institutionId", "The institution is required."));
}

public sealed record ListingResponse(
    Guid Id,
    Guid InstitutionId,
    string Title,
    string? Description,
    ListingStatus Status,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<int> Sdgs,
    IReadOnlyList<string> TargetCountries,
    IReadOnlyList<string> TargetRegions,
    IReadOnlyList<string> CooperationModes,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt)
{
    public static ListingResponse From(Listing l) => new(l.Id, l.InstitutionId, l.Title, l.Description, l.Status, l.Sectors, l.Sdgs,
        l.TargetCountries, l.TargetRegions, l.CooperationModes, l.Version, l.CreatedAt, l.UpdatedAt, l.ArchivedAt);
}

/// <summary>
/// Filters of an offer or need list. <c>country</c> finds listings that target the country itself or a region containing it;
/// <c>q</c> finds listings whose title or description contains every word.
/// </summary>
public sealed record ListingSearchRequest(
    string? Q,
    Guid? InstitutionId,
    string[]? Sector,
    int[]? Sdg,
    string? Country,
    string? Region,
    string[]? Mode,
    string? Status,
    bool? IncludeArchived)
{
    public IQueryable<Listing> Apply(IQueryable<Listing> listings)
    {
        new ValidationErrors()
            .Require((Q?.Length ?? 0) <= TextQuery.MaxLength, "q", $"The query must be at most {TextQuery.MaxLength} characters.")
            .SectorList("sector", Sector)
            .SdgList("sdg", Sdg)
            .Require(Country is null || Countries.IsKnown(Country), "country", $"'{Country}' is not an ISO 3166-1 alpha-3 country code.")
            .Require(Region is null || Regions.IsKnown(Region), "region", $"'{Region}' is not a UN M49 region code.")
            .ModeList("mode", Mode)
            .Codes<ListingStatus>("status", Status is null ? null : [Status])
            .ThrowIfAny();

        if (IncludeArchived != true)
        {
            listings = listings.Where(l => l.ArchivedAt == null);
        }
        if (InstitutionId is { } institutionId)
        {
            listings = listings.Where(l => l.InstitutionId == institutionId);
        }
        if (Sector is { Length: > 0 })
        {
            var sectors = Sector.Canonical(Vocabularies.Sectors).ToList();
            listings = listings.Where(l => l.Sectors.Any(s => sectors.Contains(s)));
        }
        if (Sdg is { Length: > 0 })
        {
            listings = listings.Where(l => l.Sdgs.Any(g => Sdg.Contains(g)));
        }
        if (Country is not null && Countries.TryGet(Country, out var country))
        {
            var regions = new[] { Regions.WorldCode, country.RegionCode, country.SubRegionCode, country.IntermediateRegionCode ?? "" };
            listings = listings.Where(l => l.TargetCountries.Contains(country.Alpha3) || l.TargetRegions.Any(r => regions.Contains(r)));
        }
        if (Region is not null)
        {
            listings = listings.Where(l => l.TargetRegions.Contains(Region));
        }
        if (Mode is { Length: > 0 })
        {
            var modes = Mode.Canonical(Vocabularies.CooperationModes).ToList();
            listings = listings.Where(l => l.CooperationModes.Any(m => modes.Contains(m)));
        }
        if (Status is not null && EnumCodes<ListingStatus>.TryParse(Status, out var status))
        {
            listings = listings.Where(l => l.Status == status);
        }
        if (TextQuery.Parse(Q) is { } text)
        {
            foreach (var pattern in text.WordPatterns)
            {
                listings = listings.Where(l => EF.Functions.Like(l.SearchText, pattern));
            }
        }
        return listings;
    }
}
