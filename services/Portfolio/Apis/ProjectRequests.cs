using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Model;

namespace CooperationPlatform.Portfolio.Apis;

/// <summary>
/// A project as a client sends it, to create (POST, with an optional client-chosen <see cref="Id"/> and initial <see cref="Status"/>)
/// or to replace (PUT, where the status must stay as it is: it changes through <c>POST .../status</c>). Only the title is required.
/// </summary>
public sealed record ProjectRequest
{
    public Guid? Id { get; init; }
    public string? IatiIdentifier { get; init; }

    /// <summary>ISO 639-1 code of the title and summary; "en" when omitted.</summary>
    public string? Language { get; init; }

    public string? Title { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<ProjectTranslation>? Translations { get; init; }
    public ProjectStatus? Status { get; init; }
    public ProjectModality? Modality { get; init; }
    public PartialDate? PlannedStart { get; init; }
    public PartialDate? PlannedEnd { get; init; }
    public PartialDate? ActualStart { get; init; }
    public PartialDate? ActualEnd { get; init; }
    public IReadOnlyList<GeographicScope>? Scopes { get; init; }
    public IReadOnlyList<SdgContribution>? Sdgs { get; init; }
    public IReadOnlyList<CountryShare>? Countries { get; init; }
    public IReadOnlyList<RegionShare>? Regions { get; init; }
    public IReadOnlyList<string>? CooperationModes { get; init; }
    public IReadOnlyList<SectorEntry>? Sectors { get; init; }
    public MoneyAmount? Budget { get; init; }
    public IReadOnlyList<FundingCommitment>? Commitments { get; init; }
    public IReadOnlyList<ProjectResult>? Results { get; init; }
    public bool? GenderFocus { get; init; }
    public Guid? OriginatingEventId { get; init; }
    public IReadOnlyList<PartnerRoles>? Partners { get; init; }
}

public sealed record StatusChangeRequest(ProjectStatus? Status, string? Reason);
