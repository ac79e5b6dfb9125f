using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Portfolio.Model;

/// <summary>The title and summary in another language than the project's own.</summary>
public sealed record ProjectTranslation(string Language, string? Title, string? Summary);

/// <summary>What one funder has committed; the date is optional because sources rarely give it.</summary>
public sealed record FundingCommitment(Guid InstitutionId, decimal Amount, string Currency, PartialDate? Date);

/// <summary>A result or outcome as free text, in the project's language unless <see cref="Language"/> says otherwise.</summary>
public sealed record ProjectResult(ResultType Type, string Text, string? Language);

/// <summary>
/// One role of one partner over time: assigned when it was recorded, ended when a later change removed it.
/// Ended assignments are kept, so the project's partner history can be read back.
/// </summary>
public sealed record PartnerRoleAssignment(Guid InstitutionId, PartnerRole Role, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt)
{
    public bool IsCurrent => EndedAt is null;
}

public sealed record StatusChange(ProjectStatus? From, ProjectStatus To, DateTimeOffset At, string? Reason, string? ClientId);

/// <summary>
/// Every editable fact of a project, validated and normalised (by the application's ProjectRequestValidator, within the limits of
/// <see cref="ProjectRules"/>). Status and identity are not here: the status changes only through transitions, the identity never.
/// </summary>
public sealed record ProjectDetails
{
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<ProjectTranslation> Translations { get; init; } = [];
    public ProjectModality? Modality { get; init; }
    public PartialDate? PlannedStart { get; init; }
    public PartialDate? PlannedEnd { get; init; }
    public PartialDate? ActualStart { get; init; }
    public PartialDate? ActualEnd { get; init; }
    public IReadOnlyList<GeographicScope> Scopes { get; init; } = [];
    public IReadOnlyList<SdgContribution> Sdgs { get; init; } = [];
    public IReadOnlyList<CountryShare> Countries { get; init; } = [];
    public IReadOnlyList<RegionShare> Regions { get; init; } = [];
    public IReadOnlyList<string> CooperationModes { get; init; } = [];
    public IReadOnlyList<SectorEntry> Sectors { get; init; } = [];
    public MoneyAmount? Budget { get; init; }
    public IReadOnlyList<FundingCommitment> Commitments { get; init; } = [];
    public IReadOnlyList<ProjectResult> Results { get; init; } = [];
    public bool? GenderFocus { get; init; }
    public Guid? OriginatingEventId { get; init; }
    public IReadOnlyList<PartnerRoles> Partners { get; init; } = [];
}

public enum ResultType
{
    Output = 1,
    Outcome = 2,
    Impact = 3,
}
