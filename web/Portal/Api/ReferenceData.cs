using Microsoft.Extensions.Caching.Memory;

namespace CooperationPlatform.Portal.Api;

/// <summary>The shared vocabularies (countries, regions, SDGs, sectors, modes), kept in memory for an hour: they change with a release.</summary>
public sealed record Vocabularies(
    IReadOnlyDictionary<string, Country> Countries,
    IReadOnlyDictionary<string, Region> Regions,
    IReadOnlyDictionary<int, Sdg> Sdgs,
    IReadOnlyDictionary<string, Term> Sectors,
    IReadOnlyDictionary<string, Term> Modes)
{
    public static readonly Vocabularies Empty = new(
        new Dictionary<string, Country>(), new Dictionary<string, Region>(), new Dictionary<int, Sdg>(),
        new Dictionary<string, Term>(), new Dictionary<string, Term>());

    /// <summary>False when the API could not be read: names then show as codes, and query values are checked by their form only.</summary>
    public bool Loaded => Countries.Count > 0;

    public string CountryName(string? code) => code is null ? "" : Countries.TryGetValue(code, out var country) ? country.Name : code;

    public string RegionName(string code) => Regions.TryGetValue(code, out var region) ? region.Name : code;

    public string SectorLabel(string code) => Sectors.TryGetValue(code, out var sector) ? sector.Label : code;

    public string ModeLabel(string code) => Modes.TryGetValue(code, out var mode) ? mode.Label : code;

    public string SdgName(int goal) => Sdgs.TryGetValue(goal, out var sdg) ? sdg.Name : "";
}

public sealed class ReferenceData(PortalApi api, IMemoryCache cache)
{
    private static readonly object Key = new();

    public async Task<Vocabularies> GetAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key, out Vocabularies? known) && known is not null)
        {
            return known;
        }
        var countries = api.GetCountriesAsync(cancellationToken);
        var regions = api.GetRegionsAsync(cancellationToken);
        var sdgs = api.GetSdgsAsync(cancellationToken);
        var sectors = api.GetSectorsAsync(cancellationToken);
        var modes = api.GetCooperationModesAsync(cancellationToken);
        await Task.WhenAll(countries, regions, sdgs, sectors, modes);
        if (!(countries.Result.IsOk && regions.Result.IsOk && sdgs.Result.IsOk && sectors.Result.IsOk && modes.Result.IsOk))
        {
            // Not cached: the next page asks again.
            return Vocabularies.Empty;
        }
        var loaded = new Vocabularies(
            countries.Result.Value.ToDictionary(c => c.Code, StringComparer.Ordinal),
            regions.Result.Value.ToDictionary(r => r.Code, StringComparer.Ordinal),
            sdgs.Result.Value.ToDictionary(s => s.Goal),
            sectors.Result.Value.ToDictionary(s => s.Code, StringComparer.Ordinal),
            modes.Result.Value.ToDictionary(m => m.Code, StringComparer.Ordinal));
        cache.Set(Key, loaded, TimeSpan.FromHours(1));
        return loaded;
    }
}
