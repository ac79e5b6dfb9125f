// Sources: UN list of Least Developed Countries as of 13 December 2024 (after Bhutan graduated in December 2023 and Sao Tome and Principe in December 2024);
// UN-OHRLLS list of Landlocked Developing Countries (2024); Small Island Developing States as flagged on the UNSD M49 page (2024).
using System.Collections.Frozen;

namespace CooperationPlatform.Contracts.Reference;

public enum CountryGrouping
{
    Ldc,
    Lldc,
    Sids,
}

public static class CountryGroupings
{
    internal static readonly FrozenSet<string> Ldc = FrozenSet.Create(
        "AGO", "BEN", "BFA", "BDI", "CAF", "TCD", "COM", "COD", "DJI", "ERI", "ETH", "GMB", "GIN", "GNB", "LSO", "LBR",
        "MDG", "MWI", "MLI", "MRT", "MOZ", "NER", "RWA", "SEN", "SLE", "SOM", "SSD", "SDN", "TGO", "UGA", "TZA", "ZMB",
        "AFG", "BGD", "KHM", "LAO", "MMR", "NPL", "TLS", "YEM",
        "HTI",
        "KIR", "SLB", "TUV");

    internal static readonly FrozenSet<string> Lldc = FrozenSet.Create(
        "BWA", "BFA", "BDI", "CAF", "TCD", "SWZ", "ETH", "LSO", "MWI", "MLI", "NER", "RWA", "SSD", "UGA", "ZMB", "ZWE",
        "AFG", "ARM", "AZE", "BTN", "KAZ", "KGZ", "LAO", "MNG", "NPL", "TJK", "TKM", "UZB",
        "BOL", "PRY",
        "MKD", "MDA");

    internal static readonly FrozenSet<string> Sids = FrozenSet.Create(
        "CPV", "COM", "GNB", "MUS", "STP", "SYC",
        "AIA", "ATG", "ABW", "BHS", "BRB", "BES", "VGB", "CUB", "CUW", "DMA", "DOM", "GRD", "HTI", "JAM", "MSR", "PRI",
        "KNA", "LCA", "VCT", "SXM", "TTO", "VIR", "BLZ", "GUY", "SUR",
        "MDV", "SGP", "TLS",
        "FJI", "NCL", "PNG", "SLB", "VUT", "GUM", "KIR", "MHL", "FSM", "NRU", "MNP", "PLW", "ASM", "COK", "PYF", "NIU",
        "WSM", "TON", "TUV");

    /// <summary>Parses "ldc", "lldc" or "sids", ignoring case.</summary>
    public static bool TryParse(string? value, out CountryGrouping grouping)
    {
        CountryGrouping? parsed = value?.ToLowerInvariant() switch
        {
            "ldc" => CountryGrouping.Ldc,
            "lldc" => CountryGrouping.Lldc,
            "sids" => CountryGrouping.Sids,
            _ => null,
        };
        grouping = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    public static CountryGrouping Parse(string value) =>
        TryParse(value, out var grouping)
            ? grouping
            : throw new FormatException($"'{value}' is not a country grouping; expected ldc, lldc or sids.");

    public static string ToCode(this CountryGrouping grouping) => grouping switch
    {
        CountryGrouping.Ldc => "ldc",
        CountryGrouping.Lldc => "lldc",
        CountryGrouping.Sids => "sids",
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
    };
}
