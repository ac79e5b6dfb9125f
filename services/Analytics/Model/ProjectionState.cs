using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Analytics.Model;

/// <summary>
/// The current analytic facts of one source aggregate, replaced whole by each newer message (by aggregate version).
/// Views are computed from these rows, never from counters, so a changed project moves its counts and a repeated or late
/// message changes nothing.
/// </summary>
public interface IProjectionState
{
    Guid Id { get; set; }
    long Version { get; set; }
}

public sealed class ProjectState : IProjectionState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Title { get; set; } = "";
    public int? Status { get; set; }
    public int? Modality { get; set; }

    /// <summary>Year of the actual start, else of the planned start: the year a project counts for in time series and year filters.</summary>
    public int? StartYear { get; set; }

    public int? PrimarySdg { get; set; }
    public int[] Sdgs { get; set; } = [];
    public string[] Targets { get; set; } = [];
    public string[] Countries { get; set; } = [];

    /// <summary>The code of every place view the project counts in: its countries, their M49 regions and their groupings (<see cref="PlaceCodes"/>).</summary>
    public string[] Places { get; set; } = [];

    public Guid[] Partners { get; set; } = [];
    public Guid[] Funders { get; set; } = [];

    // Committed funding as parallel arrays (funder, currency, amount), summed per currency only within one currency.
    public Guid[] CommitmentFunders { get; set; } = [];
    public string[] CommitmentCurrencies { get; set; } = [];
    public decimal[] CommitmentAmounts { get; set; } = [];
}

/// <summary>
/// One pair of a project's partners (<see cref="A"/> before <see cref="B"/>), with the project's year and status: the distinct partner
/// pairs of SDG 17 are counted from these rows, instead of pairing every project's partners again on each request. Written with the
/// project's row (<c>ProjectRows</c>) whenever it changes; removed with it.
/// </summary>
public sealed class PartnerPair
{
    public Guid ProjectId { get; set; }
    public Guid A { get; set; }
    public Guid B { get; set; }
    public int? StartYear { get; set; }
    public int? Status { get; set; }
}

/// <summary>
/// The place codes a project's countries give it: each country's alpha-3 code, the M49 regions it is in and its groupings (ldc, lldc,
/// sids), the codes the country, region and grouping views are asked by. One GIN probe then finds a region's projects, where
/// comparing each project's countries with a region's dozens took a scan.
/// </summary>
public static class PlaceCodes
{
    public static string[] Of(IEnumerable<string> countries) =>
    [
        .. countries
            .SelectMany(code => Countries.TryGet(code, out var country)
                ? [country.Alpha3, .. country.RegionCodes(), .. country.Groupings().Select(g => g.ToCode())]
                : new[] { code })
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];
}

public sealed class InstitutionState : IProjectionState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public int Type { get; set; }
    public string? Country { get; set; }
    public bool Archived { get; set; }

    /// <summary>Networks it belongs to, with the version they were read at: membership messages and institution messages both carry them.</summary>
    public Guid[] NetworkIds { get; set; } = [];

    public long NetworksVersion { get; set; }
}

public sealed class EventState : IProjectionState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string Name { get; set; } = "";
    public int Status { get; set; }
    public int? StartYear { get; set; }
    public string? VenueCity { get; set; }
    public string? VenueCountry { get; set; }
}

public sealed class RegistrationState : IProjectionState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EventId { get; set; }
    public Guid? ActivityId { get; set; }
    public bool Confirmed { get; set; }
    public Guid ParticipantId { get; set; }
    public string Country { get; set; } = "";
    public string? City { get; set; }

    /// <summary>The directory institution id as text, or the lower-cased free-text organization name: one organization key.</summary>
    public string? Organization { get; set; }
}

public enum MeetingStage
{
    Requested = 0,
    Scheduled = 1,
    Held = 2,
}

public sealed class MeetingState : IProjectionState
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid EventId { get; set; }
    public MeetingStage Stage { get; set; }
    public int? Outcome { get; set; }
    public Guid? LinkedProjectId { get; set; }
}
