using System.Security.Claims;
using System.Text.Json.Serialization;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Apis;

/// <summary>A project as the API returns it: the request's shape (so a client can edit and PUT it back) plus identity, version and partner names.</summary>
public sealed record ProjectResponse
{
    public required Guid Id { get; init; }
    public required string IatiIdentifier { get; init; }
    public required long Version { get; init; }
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public required IReadOnlyList<ProjectTranslation> Translations { get; init; }
    public ProjectStatus? Status { get; init; }
    public ProjectModality? Modality { get; init; }
    public PartialDate? PlannedStart { get; init; }
    public PartialDate? PlannedEnd { get; init; }
    public PartialDate? ActualStart { get; init; }
    public PartialDate? ActualEnd { get; init; }
    public required IReadOnlyList<GeographicScope> Scopes { get; init; }
    public required IReadOnlyList<SdgContribution> Sdgs { get; init; }
    public required IReadOnlyList<CountryShare> Countries { get; init; }
    public required IReadOnlyList<RegionShare> Regions { get; init; }
    public required IReadOnlyList<string> CooperationModes { get; init; }
    public required IReadOnlyList<SectorEntry> Sectors { get; init; }
    public MoneyAmount? Budget { get; init; }
    public required IReadOnlyList<FundingCommitment> Commitments { get; init; }
    public required IReadOnlyList<ProjectResult> Results { get; init; }
    public bool? GenderFocus { get; init; }
    public Guid? OriginatingEventId { get; init; }
    public required IReadOnlyList<PartnerResponse> Partners { get; init; }
    /// <summary>Only for the owner client and platform admins; left out for anyone else.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerClientId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The project as <paramref name="viewer"/> may see it.</summary>
    public static async Task<ProjectResponse> FromAsync(Project project, ClaimsPrincipal viewer, PortfolioDbContext db, CancellationToken cancellationToken)
    {
        var partners = project.CurrentPartners.ToList();
        var ids = partners.Select(p => p.InstitutionId).ToList();
        var institutions = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        return new ProjectResponse
        {
            Id = project.Id,
            IatiIdentifier = project.IatiIdentifier,
            Version = project.Version,
            Language = project.Language,
            Title = project.Title,
            Summary = project.Summary,
            Translations = project.Translations,
            Status = project.Status,
            Modality = project.Modality,
            PlannedStart = project.PlannedStart,
            PlannedEnd = project.PlannedEnd,
            ActualStart = project.ActualStart,
            ActualEnd = project.ActualEnd,
            Scopes = project.Scopes,
            Sdgs = project.Sdgs,
            Countries = project.Countries,
            Regions = project.Regions,
            CooperationModes = project.CooperationModes,
            Sectors = project.Sectors,
            Budget = project.Budget,
            Commitments = project.Commitments,
            Results = project.Results,
            GenderFocus = project.GenderFocus,
            OriginatingEventId = project.OriginatingEventId,
            Partners = [.. partners.Select(p => new PartnerResponse(p.InstitutionId, institutions.GetValueOrDefault(p.InstitutionId)?.Name,
                institutions.GetValueOrDefault(p.InstitutionId)?.Country, p.Roles))],
            OwnerClientId = viewer.IsOwnerOrAdmin(project.OwnerClientId) ? project.OwnerClientId : null,
            CreatedAt = project.CreatedAt,
            UpdatedAt = project.UpdatedAt,
        };
    }
}

/// <summary>A partner with its current roles; name and country come from the portfolio's institution replica.</summary>
public sealed record PartnerResponse(Guid InstitutionId, string? Name, string? Country, IReadOnlyList<PartnerRole> Roles);

/// <summary>Every status a project has had and every role its partners have held, current ones with no end.</summary>
public sealed record ProjectHistoryResponse(Guid Id, IReadOnlyList<StatusChangeResponse> StatusChanges, IReadOnlyList<PartnerRoleAssignment> PartnerRoles)
{
    /// <summary>The history as <paramref name="viewer"/> may see it: which client made each change only for the owner and platform admins.</summary>
    public static ProjectHistoryResponse From(Project project, ClaimsPrincipal viewer)
    {
        var mayKnowClients = viewer.IsOwnerOrAdmin(project.OwnerClientId);
        return new(project.Id,
            [.. project.StatusHistory.Select(s => new StatusChangeResponse(s.From, s.To, s.At, s.Reason, mayKnowClients ? s.ClientId : null))],
            project.RoleAssignments);
    }
}

public sealed record StatusChangeResponse(
    ProjectStatus? From,
    ProjectStatus To,
    DateTimeOffset At,
    string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId);

public sealed record InstitutionResponse(Guid Id, string Name, string? Acronym, string? Country, InstitutionType Type, bool Archived, DateTimeOffset UpdatedAt);
