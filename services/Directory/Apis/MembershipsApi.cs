using System.Security.Claims;
using CooperationPlatform.Contracts.Model;
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

/// <summary>Memberships of institutions in networks, and the network view (its secretariat and members).</summary>
public static class MembershipsApi
{
    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder api)
    {
        var memberships = api.MapGroup("/memberships").WithTags("Networks and memberships");
        memberships.MapPost("/", Create)
            .WithName("create-membership")
            .WithSummary("Records that an institution is (or was) a member, secretariat or hub of a network.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        memberships.MapGet("/{id:guid}", Get)
            .WithName("get-membership")
            .WithSummary("Gets a membership with its ETag.");
        memberships.MapPut("/{id:guid}", Update)
            .WithName("update-membership")
            .WithSummary("Changes a membership's role, status, dates or note; needs If-Match.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        memberships.MapPost("/{id:guid}/archive", Archive)
            .WithName("archive-membership")
            .WithSummary("Archives a membership recorded by mistake (a member that left is 'left', not archived); needs If-Match.")
            .RequireAuthorization(PlatformScopes.DirectoryWrite);

        var networks = api.MapGroup("/networks").WithTags("Networks and memberships");
        networks.MapGet("/{id:guid}", GetNetwork)
            .WithName("get-network")
            .WithSummary("A network with its secretariat, hubs and member counts. Networks are institutions of type 'network'.");
        networks.MapGet("/{id:guid}/members", ListNetworkMembers)
            .WithName("list-network-members")
            .WithSummary("The network's memberships, by member name; filter by status and role.");
        api.MapGet("/institutions/{id:guid}/memberships", ListInstitutionMemberships)
            .WithTags("Networks and memberships")
            .WithName("list-institution-memberships")
            .WithSummary("The networks an institution belongs or belonged to, by network name.");
        return api;
    }

    public static async Task<Results<Created<MembershipResponse>, ConflictProblem, UnprocessableProblem>> Create(
        CreateMembershipRequest request, MembershipService memberships, DirectoryDbContext db, ClaimsPrincipal user, HttpContext context,
        LinkGenerator links, CancellationToken cancellationToken)
    {
        var terms = request.Validate();
        var membership = await memberships.CreateAsync(request.Id, request.NetworkId!.Value, request.MemberId!.Value, terms,
            new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(membership.Version);
        return TypedResults.Created(links.PathTo("get-membership", new() { ["id"] = membership.Id }),
            await db.MembershipResponseAsync(membership, cancellationToken));
    }

    public static async Task<Results<Ok<MembershipResponse>, NotFoundProblem>> Get(
        Guid id, MembershipService memberships, DirectoryDbContext db, HttpResponse response, CancellationToken cancellationToken)
    {
        var membership = await memberships.FindAsync(id, cancellationToken);
        response.SetETag(membership.Version);
        return TypedResults.Ok(await db.MembershipResponseAsync(membership, cancellationToken));
    }

    public static async Task<Results<Ok<MembershipResponse>, NotFoundProblem, ConflictProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> Update(
        Guid id, MembershipRequest request, MembershipService memberships, DirectoryDbContext db, ClaimsPrincipal user, HttpContext context,
        CancellationToken cancellationToken)
    {
        var membership = await memberships.UpdateAsync(id, request.Validate(), new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(membership.Version);
        return TypedResults.Ok(await db.MembershipResponseAsync(membership, cancellationToken));
    }

    public static async Task<Results<Ok<MembershipResponse>, NotFoundProblem, PreconditionFailedProblem, PreconditionRequiredProblem>> Archive(
        Guid id, MembershipService memberships, DirectoryDbContext db, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var membership = await memberships.ArchiveAsync(id, new WriteGuard(user, context.Request), cancellationToken);
        context.Response.SetETag(membership.Version);
        return TypedResults.Ok(await db.MembershipResponseAsync(membership, cancellationToken));
    }

    public static async Task<Results<Ok<NetworkResponse>, NotFoundProblem>> GetNetwork(
        Guid id, InstitutionService institutions, DirectoryDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var network = await institutions.FindAsync(id, cancellationToken);
        if (network.Type != InstitutionType.Network)
        {
            return new NotFoundProblem("Network", id);
        }
        var memberships = db.Memberships.Where(m => m.NetworkId == id && m.ArchivedAt == null);
        var counts = await memberships.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var leads = await db.MembershipResponses(memberships.Where(m => m.Role != MembershipRole.Member && m.Status != MembershipStatus.Left))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new NetworkResponse(
            InstitutionResponse.From(network, user),
            [.. leads.Where(m => m.Role == MembershipRole.Secretariat)],
            [.. leads.Where(m => m.Role == MembershipRole.Hub)],
            counts.GetValueOrDefault(MembershipStatus.Active),
            counts.GetValueOrDefault(MembershipStatus.Suspended),
            counts.GetValueOrDefault(MembershipStatus.Left)));
    }

    public static async Task<Results<Ok<Page<MembershipResponse>>, BadRequestProblem, NotFoundProblem>> ListNetworkMembers(
        Guid id, [AsParameters] MemberListRequest request, [AsParameters] PageRequest page, InstitutionService institutions, DirectoryDbContext db,
        CancellationToken cancellationToken)
    {
        page = page.Validated();
        var (statuses, roles) = request.Validate();
        await institutions.FindAsync(id, cancellationToken);
        var memberships = db.Memberships.Where(m => m.NetworkId == id && (request.IncludeArchived == true || m.ArchivedAt == null));
        if (statuses.Count > 0)
        {
            memberships = memberships.Where(m => statuses.Contains(m.Status));
        }
        if (roles.Count > 0)
        {
            memberships = memberships.Where(m => roles.Contains(m.Role));
        }
        var count = await memberships.LongCountAsync(cancellationToken);
        var items = await db.MembershipResponses(memberships).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<MembershipResponse>(page.PageIndex, page.PageSize, count, items));
    }

    public static async Task<Results<Ok<IReadOnlyList<MembershipResponse>>, NotFoundProblem>> ListInstitutionMemberships(
        Guid id, bool? includeArchived, InstitutionService institutions, DirectoryDbContext db, CancellationToken cancellationToken)
    {
        await institutions.FindAsync(id, cancellationToken);
        var memberships = db.Memberships.Where(m => m.MemberId == id && (includeArchived == true || m.ArchivedAt == null));
        IReadOnlyList<MembershipResponse> items = await db.MembershipResponses(memberships, byNetwork: true).ToListAsync(cancellationToken);
        return TypedResults.Ok(items);
    }

    private static async Task<MembershipResponse> MembershipResponseAsync(this DirectoryDbContext db, Membership membership,
        CancellationToken cancellationToken) =>
        await db.MembershipResponses(db.Memberships.Where(m => m.Id == membership.Id)).SingleAsync(cancellationToken);

    /// <summary>Memberships with the names of network and member, by member name (or network name), then id.</summary>
    private static IQueryable<MembershipResponse> MembershipResponses(this DirectoryDbContext db, IQueryable<Membership> memberships, bool byNetwork = false)
    {
        var joined = from m in memberships
                     join n in db.Institutions on m.NetworkId equals n.Id
                     join i in db.Institutions on m.MemberId equals i.Id
                     select new { m, NetworkKey = n.NameKey, NetworkName = n.Name, MemberKey = i.NameKey, MemberName = i.Name };
        var ordered = byNetwork ? joined.OrderBy(x => x.NetworkKey).ThenBy(x => x.m.Id) : joined.OrderBy(x => x.MemberKey).ThenBy(x => x.m.Id);
        return ordered.Select(x => new MembershipResponse(x.m.Id, x.m.NetworkId, x.NetworkName, x.m.MemberId, x.MemberName, x.m.Role, x.m.Status,
            x.m.Since, x.m.Until, x.m.Note, x.m.Version, x.m.CreatedAt, x.m.UpdatedAt, x.m.ArchivedAt));
    }
}

/// <summary>The changeable part of a membership; role defaults to member and status to active.</summary>
public record MembershipRequest
{
    public MembershipRole? Role { get; init; }
    public MembershipStatus? Status { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public string? Note { get; init; }

    public MembershipTerms Validate(ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        errors.Require(Since is null || Until is null || Until >= Since, "until", "A membership cannot end before it begins (until is before since).")
            .Text("note", Note, InstitutionLimits.Description, multiline: true);
        errors.ThrowIfAny();
        return new MembershipTerms(Role ?? MembershipRole.Member, Status ?? MembershipStatus.Active, Since, Until, Note.TrimmedOrNull());
    }
}

public sealed record CreateMembershipRequest : MembershipRequest
{
    public Guid? Id { get; init; }
    public Guid? NetworkId { get; init; }
    public Guid? MemberId { get; init; }

    public MembershipTerms Validate() => Validate(new ValidationErrors()
        .Require(NetworkId is not null && NetworkId != Guid.Empty, "networkId", "The network is required.")
        .Require(MemberId is not null && MemberId != Guid.Empty, "memberId", "The member is required.")
        .Require(NetworkId is null || NetworkId != MemberId, "memberId", "A network cannot be a member of itself."));
}

public sealed record MembershipResponse(
    Guid Id,
    Guid NetworkId,
    string NetworkName,
    Guid MemberId,
    string MemberName,
    MembershipRole Role,
    MembershipStatus Status,
    DateOnly? Since,
    DateOnly? Until,
    string? Note,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);

public sealed record NetworkResponse(
    InstitutionResponse Network,
    IReadOnlyList<MembershipResponse> Secretariat,
    IReadOnlyList<MembershipResponse> Hubs,
    long ActiveMembers,
    long SuspendedMembers,
    long FormerMembers);

public sealed record MemberListRequest(string[]? Status, string[]? Role, bool? IncludeArchived)
{
    public (IReadOnlyList<MembershipStatus> Statuses, IReadOnlyList<MembershipRole> Roles) Validate()
    {
        new ValidationErrors().Codes<MembershipStatus>("status", Status).Codes<MembershipRole>("role", Role).ThrowIfAny();
        return (Status.ParseCodes<MembershipStatus>(), Role.ParseCodes<MembershipRole>());
    }
}
