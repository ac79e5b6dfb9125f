using CooperationPlatform.Contracts.Model;

namespace CooperationPlatform.Contracts.Messages.Portfolio;

/// <summary>
/// Everything about a project that another service analyses or shows, so that no consumer has to call the portfolio back.
/// Every message about a project carries it whole, as it stands after the change. Free texts other than the title are left out.
/// Every property has a default meaning "not known", so that a message written before a property was added still reads.
/// </summary>
public sealed record ProjectSnapshot
{
    public Guid ProjectId { get; init; }
    public string IatiIdentifier { get; init; } = "";
    public string Title { get; init; } = "";

    /// <summary>ISO 639-1 language of the title and summary.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Null when the source does not report it.</summary>
    public ProjectStatus? Status { get; init; }

    public ProjectModality? Modality { get; init; }
    public PartialDate? PlannedStart { get; init; }
    public PartialDate? PlannedEnd { get; init; }
    public PartialDate? ActualStart { get; init; }
    public PartialDate? ActualEnd { get; init; }

    /// <summary>The goals the project contributes to; at most one is primary.</summary>
    public IReadOnlyList<SdgContribution> Sdgs { get; init; } = [];

    public IReadOnlyList<GeographicScope> Scopes { get; init; } = [];
    public IReadOnlyList<CountryShare> Countries { get; init; } = [];
    public IReadOnlyList<RegionShare> Regions { get; init; } = [];

    /// <summary>Codes of the shared cooperation-modes vocabulary.</summary>
    public IReadOnlyList<string> CooperationModes { get; init; } = [];

    public IReadOnlyList<SectorEntry> Sectors { get; init; } = [];
    public MoneyAmount? Budget { get; init; }

    /// <summary>Partners in the funding role with what each has committed, summed per currency.</summary>
    public IReadOnlyList<FunderCommitments> Funders { get; init; } = [];

    /// <summary>Partners with their current roles.</summary>
    public IReadOnlyList<PartnerRoles> Partners { get; init; } = [];

    /// <summary>True when the project targets gender equality (SDG 5 participation); null when not reported.</summary>
    public bool? GenderFocus { get; init; }

    /// <summary>The event or matchmaking meeting where the partnership started, if any.</summary>
    public Guid? OriginatingEventId { get; init; }
}

public sealed record SdgContribution(int Goal = 0, bool Primary = false, IReadOnlyList<string>? Targets = null)
{
    public IReadOnlyList<string> Targets { get; init; } = Targets ?? [];
}

/// <summary>An ISO 3166-1 alpha-3 country and its share of the project in percent, if reported.</summary>
public sealed record CountryShare(string Country = "", decimal? Percentage = null);

/// <summary>A UN M49 region code and its share of the project in percent, if reported.</summary>
public sealed record RegionShare(string Region = "", decimal? Percentage = null);

/// <summary>A code of the shared sectors vocabulary, with the OECD DAC CRS purpose code the project reports for it, if any.</summary>
public sealed record SectorEntry(string Code = "", string? DacCrsCode = null);

/// <summary>An amount in an ISO 4217 currency.</summary>
public sealed record MoneyAmount(decimal Amount = 0, string Currency = "");

public sealed record FunderCommitments(Guid InstitutionId, IReadOnlyList<MoneyAmount>? Committed = null)
{
    public IReadOnlyList<MoneyAmount> Committed { get; init; } = Committed ?? [];
}

public sealed record PartnerRoles(Guid InstitutionId, IReadOnlyList<PartnerRole>? Roles = null)
{
    public IReadOnlyList<PartnerRole> Roles { get; init; } = Roles ?? [];
}

public sealed record PartnerRoleChange(Guid InstitutionId, PartnerRole Role = default, PartnerRoleChangeKind Change = default);
