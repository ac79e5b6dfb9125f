// Source: UN Statistics Division, Standard country or area codes for statistical use (M49), geographic regions, as published in 2024.
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CooperationPlatform.Contracts.Reference;

public enum RegionLevel
{
    World,
    Region,
    SubRegion,
    IntermediateRegion,
}

public sealed record Region(string Code, string Name, RegionLevel Level, string? ParentCode);

public static class Regions
{
    public const string WorldCode = "001";

    public static IReadOnlyList<Region> All { get; } =
    [
        new(WorldCode, "World", RegionLevel.World, null),

        new("002", "Africa", RegionLevel.Region, WorldCode),
        new("019", "Americas", RegionLevel.Region, WorldCode),
        new("142", "Asia", RegionLevel.Region, WorldCode),
        new("150", "Europe", RegionLevel.Region, WorldCode),
        new("009", "Oceania", RegionLevel.Region, WorldCode),

        new("015", "Northern Africa", RegionLevel.SubRegion, "002"),
        new("202", "Sub-Saharan Africa", RegionLevel.SubRegion, "002"),
        new("419", "Latin America and the Caribbean", RegionLevel.SubRegion, "019"),
        new("021", "Northern America", RegionLevel.SubRegion, "019"),
        new("143", "Central Asia", RegionLevel.SubRegion, "142"),
        new("030", "Eastern Asia", RegionLevel.SubRegion, "142"),
        new("035", "South-eastern Asia", RegionLevel.SubRegion, "142"),
        new("034", "Southern Asia", RegionLevel.SubRegion, "142"),
        new("145", "Western Asia", RegionLevel.SubRegion, "142"),
        new("151", "Eastern Europe", RegionLevel.SubRegion, "150"),
        new("154", "Northern Europe", RegionLevel.SubRegion, "150"),
        new("039", "Southern Europe", RegionLevel.SubRegion, "150"),
        new("155", "Western Europe", RegionLevel.SubRegion, "150"),
        new("053", "Australia and New Zealand", RegionLevel.SubRegion, "009"),
        new("054", "Melanesia", RegionLevel.SubRegion, "009"),
        new("057", "Micronesia", RegionLevel.SubRegion, "009"),
        new("061", "Polynesia", RegionLevel.SubRegion, "009"),

        new("014", "Eastern Africa", RegionLevel.IntermediateRegion, "202"),
        new("017", "Middle Africa", RegionLevel.IntermediateRegion, "202"),
        new("018", "Southern Africa", RegionLevel.IntermediateRegion, "202"),
        new("011", "Western Africa", RegionLevel.IntermediateRegion, "202"),
        new("029", "Caribbean", RegionLevel.IntermediateRegion, "419"),
        new("013", "Central America", RegionLevel.IntermediateRegion, "419"),
        new("005", "South America", RegionLevel.IntermediateRegion, "419"),
        new("830", "Channel Islands", RegionLevel.IntermediateRegion, "154"),
    ];

    private static readonly FrozenDictionary<string, Region> ByCode = All.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);

    public static bool TryGet(string? code, [MaybeNullWhen(false)] out Region region)
    {
        if (code is null)
        {
            region = null;
            return false;
        }

        return ByCode.TryGetValue(code, out region);
    }

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    /// <summary>Countries in the region at any depth: a region includes its sub-regions and intermediate regions; "001" includes every country.</summary>
    public static IReadOnlyList<Country> CountriesIn(string? regionCode) => Countries.InRegion(regionCode);
}
