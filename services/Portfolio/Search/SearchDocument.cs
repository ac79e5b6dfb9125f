using System.Collections.Frozen;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Model;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// What search and similarity need of one project, with every facet value turned into a small number (its position in the
/// reference list), so that filtering and counting 50,000 projects is a pass over arrays rather than over strings.
/// </summary>
public sealed class SearchDocument
{
    public required Guid Id { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string Title { get; init; }
    public required ProjectStatus? Status { get; init; }
    public required ProjectModality? Modality { get; init; }
    public required int? PrimarySdg { get; init; }

    /// <summary>Bit n set for SDG n.</summary>
    public required int SdgMask { get; init; }

    public required IReadOnlyList<string> Countries { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required PartialDate? Start { get; init; }
    public required PartialDate? End { get; init; }

    public required short[] CountryIds { get; init; }

    /// <summary>The M49 regions the project is in: its regions and the regions of its countries, with every enclosing region.</summary>
    public required short[] RegionIds { get; init; }

    /// <summary>Bit per <see cref="CountryGrouping"/> of any of its countries.</summary>
    public required int GroupingMask { get; init; }

    public required byte[] ModeIds { get; init; }
    public required byte[] SectorIds { get; init; }
    public required int[] FunderIds { get; init; }
    public required int[] PartnerIds { get; init; }
    public int? StartYear => Start?.Year;
    public int? EndYear => End?.Year;

    public static SearchDocument From(Project project, InstitutionNumbers institutions)
    {
        var countries = project.Countries.Select(c => c.Country).ToList();
        var partners = project.CurrentPartners.ToList();
        return new SearchDocument
        {
            Id = project.Id,
            Version = project.Version,
            UpdatedAt = project.UpdatedAt,
            Title = project.Title,
            Status = project.Status,
            Modality = project.Modality,
            PrimarySdg = project.Sdgs.FirstOrDefault(s => s.Primary)?.Goal,
            SdgMask = project.Sdgs.Aggregate(0, (mask, s) => mask | (1 << s.Goal)),
            Countries = countries,
            Regions = [.. project.Regions.Select(r => r.Region)],
            Start = project.ActualStart ?? project.PlannedStart,
            End = project.ActualEnd ?? project.PlannedEnd,
            CountryIds = [.. countries.Select(FacetCodes.Country).Where(i => i >= 0)],
            RegionIds = [.. EnclosingRegions(countries, project.Regions.Select(r => r.Region)).Select(FacetCodes.Region).Where(i => i >= 0).Distinct()],
            GroupingMask = countries.Aggregate(0, (mask, c) => mask | FacetCodes.GroupingMask(c)),
            ModeIds = [.. project.CooperationModes.Select(FacetCodes.Mode).Where(i => i >= 0).Select(i => (byte)i)],
            SectorIds = [.. project.Sectors.Select(s => FacetCodes.Sector(s.Code)).Where(i => i >= 0).Select(i => (byte)i)],
            FunderIds = [.. partners.Where(p => p.Roles.Contains(PartnerRole.Funding)).Select(p => institutions.NumberOf(p.InstitutionId))],
            PartnerIds = [.. partners.Select(p => institutions.NumberOf(p.InstitutionId))],
        };
    }

    private static IEnumerable<string> EnclosingRegions(IEnumerable<string> countries, IEnumerable<string> regions)
    {
        foreach (var alpha3 in countries)
        {
            if (Contracts.Reference.Countries.TryGet(alpha3, out var country))
            {
                yield return country.RegionCode;
                yield return country.SubRegionCode;
                if (country.IntermediateRegionCode is { } intermediate)
                {
                    yield return intermediate;
                }
            }
        }
        foreach (var code in regions)
        {
            for (var current = code; current is not null && current != Contracts.Reference.Regions.WorldCode;)
            {
                yield return current;
                current = Contracts.Reference.Regions.TryGet(current, out var region) ? region.ParentCode : null;
            }
        }
    }
}

/// <summary>The position of each reference value in its list: the numbers <see cref="SearchDocument"/> stores.</summary>
public static class FacetCodes
{
    public static readonly IReadOnlyList<string> CountryCodes = [.. Countries.All.Select(c => c.Alpha3)];
    public static readonly IReadOnlyList<string> RegionCodes = [.. Regions.All.Select(r => r.Code)];
    public static readonly IReadOnlyList<string> ModeCodes = [.. Vocabularies.CooperationModes.Terms.Select(t => t.Code)];
    public static readonly IReadOnlyList<string> SectorCodes = [.. Vocabularies.Sectors.Terms.Select(t => t.Code)];
    public static readonly IReadOnlyList<CountryGrouping> Groupings = Enum.GetValues<CountryGrouping>();

    private static readonly FrozenDictionary<string, int> CountryIndex = Index(CountryCodes);
    private static readonly FrozenDictionary<string, int> RegionIndex = Index(RegionCodes);
    private static readonly FrozenDictionary<string, int> ModeIndex = Index(ModeCodes);
    private static readonly FrozenDictionary<string, int> SectorIndex = Index(SectorCodes);

    public static short Country(string code) => (short)CountryIndex.GetValueOrDefault(code, -1);
    public static short Region(string code) => (short)RegionIndex.GetValueOrDefault(code, -1);
    public static int Mode(string code) => ModeIndex.GetValueOrDefault(code, -1);
    public static int Sector(string code) => SectorIndex.GetValueOrDefault(code, -1);

    public static int GroupingMask(string alpha3) =>
        Contracts.Reference.Countries.TryGet(alpha3, out var c)
            ? (c.IsLdc ? 1 << (int)CountryGrouping.Ldc : 0) | (c.IsLldc ? 1 << (int)CountryGrouping.Lldc : 0) | (c.IsSids ? 1 << (int)CountryGrouping.Sids : 0)
            : 0;

    private static FrozenDictionary<string, int> Index(IReadOnlyList<string> codes) =>
        codes.Select((code, i) => KeyValuePair.Create(code, i)).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Gives each institution a small number for the lifetime of the process, and keeps the names facets show.</summary>
public sealed class InstitutionNumbers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, int> _numbers = [];
    private readonly List<Guid> _ids = [];
    private readonly List<string?> _names = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    public int NumberOf(Guid id)
    {
        lock (_gate)
        {
            if (!_numbers.TryGetValue(id, out var number))
            {
                number = _ids.Count;
                _numbers[id] = number;
                _ids.Add(id);
                _names.Add(null);
            }
            return number;
        }
    }

    public void SetName(Guid id, string name)
    {
        var number = NumberOf(id);
        lock (_gate)
        {
            _names[number] = name;
        }
    }

    public (Guid Id, string? Name) Get(int number)
    {
        lock (_gate)
        {
            return (_ids[number], _names[number]);
        }
    }

    public bool TryGetNumber(Guid id, out int number)
    {
        lock (_gate)
        {
            return _numbers.TryGetValue(id, out number);
        }
    }
}
