// Source: UN Statistics Division, Standard country or area codes for statistical use (M49), English names and geographic regions, as published in 2024.
// Every M49 area that has an ISO 3166-1 code; Sark (M49 680) has no ISO code and Taiwan has no M49 entry, so neither is listed.
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CooperationPlatform.Contracts.Reference;

public sealed record Country(
    string Alpha3,
    string Alpha2,
    int M49,
    string Name,
    string RegionCode,
    string SubRegionCode,
    string? IntermediateRegionCode,
    bool IsLdc,
    bool IsLldc,
    bool IsSids)
{
    /// <summary>The codes of the M49 regions the country is in, from the world down.</summary>
    public IEnumerable<string> RegionCodes() =>
        new[] { Regions.WorldCode, RegionCode, SubRegionCode, IntermediateRegionCode ?? "" }.Where(code => code.Length > 0);

    /// <summary>The LDC, LLDC and SIDS groupings the country is in.</summary>
    public IEnumerable<CountryGrouping> Groupings()
    {
        if (IsLdc)
        {
            yield return CountryGrouping.Ldc;
        }
        if (IsLldc)
        {
            yield return CountryGrouping.Lldc;
        }
        if (IsSids)
        {
            yield return CountryGrouping.Sids;
        }
    }
}

public static class Countries
{
    public static IReadOnlyList<Country> All { get; } =
    [
        Area("DZA", "DZ", 12, "Algeria", "015"),
        Area("EGY", "EG", 818, "Egypt", "015"),
        Area("LBY", "LY", 434, "Libya", "015"),
        Area("MAR", "MA", 504, "Morocco", "015"),
        Area("SDN", "SD", 729, "Sudan", "015"),
        Area("TUN", "TN", 788, "Tunisia", "015"),
        Area("ESH", "EH", 732, "Western Sahara", "015"),
        Area("IOT", "IO", 86, "British Indian Ocean Territory", "014"),
        Area("BDI", "BI", 108, "Burundi", "014"),
        Area("COM", "KM", 174, "Comoros", "014"),
        Area("DJI", "DJ", 262, "Djibouti", "014"),
        Area("ERI", "ER", 232, "Eritrea", "014"),
        Area("ETH", "ET", 231, "Ethiopia", "014"),
        Area("ATF", "TF", 260, "French Southern Territories", "014"),
        Area("KEN", "KE", 404, "Kenya", "014"),
        Area("MDG", "MG", 450, "Madagascar", "014"),
        Area("MWI", "MW", 454, "Malawi", "014"),
        Area("MUS", "MU", 480, "Mauritius", "014"),
        Area("MYT", "YT", 175, "Mayotte", "014"),
        Area("MOZ", "MZ", 508, "Mozambique", "014"),
        Area("REU", "RE", 638, "Réunion", "014"),
        Area("RWA", "RW", 646, "Rwanda", "014"),
        Area("SYC", "SC", 690, "Seychelles", "014"),
        Area("SOM", "SO", 706, "Somalia", "014"),
        Area("SSD", "SS", 728, "South Sudan", "014"),
        Area("UGA", "UG", 800, "Uganda", "014"),
        Area("TZA", "TZ", 834, "United Republic of Tanzania", "014"),
        Area("ZMB", "ZM", 894, "Zambia", "014"),
        Area("ZWE", "ZW", 716, "Zimbabwe", "014"),
        Area("AGO", "AO", 24, "Angola", "017"),
        Area("CMR", "CM", 120, "Cameroon", "017"),
        Area("CAF", "CF", 140, "Central African Republic", "017"),
        Area("TCD", "TD", 148, "Chad", "017"),
        Area("COG", "CG", 178, "Congo", "017"),
        Area("COD", "CD", 180, "Democratic Republic of the Congo", "017"),
        Area("GNQ", "GQ", 226, "Equatorial Guinea", "017"),
        Area("GAB", "GA", 266, "Gabon", "017"),
        Area("STP", "ST", 678, "Sao Tome and Principe", "017"),
        Area("BWA", "BW", 72, "Botswana", "018"),
        Area("SWZ", "SZ", 748, "Eswatini", "018"),
        Area("LSO", "LS", 426, "Lesotho", "018"),
        Area("NAM", "NA", 516, "Namibia", "018"),
        Area("ZAF", "ZA", 710, "South Africa", "018"),
        Area("BEN", "BJ", 204, "Benin", "011"),
        Area("BFA", "BF", 854, "Burkina Faso", "011"),
        Area("CPV", "CV", 132, "Cabo Verde", "011"),
        Area("CIV", "CI", 384, "Côte d’Ivoire", "011"),
        Area("GMB", "GM", 270, "Gambia", "011"),
        Area("GHA", "GH", 288, "Ghana", "011"),
        Area("GIN", "GN", 324, "Guinea", "011"),
        Area("GNB", "GW", 624, "Guinea-Bissau", "011"),
        Area("LBR", "LR", 430, "Liberia", "011"),
        Area("MLI", "ML", 466, "Mali", "011"),
        Area("MRT", "MR", 478, "Mauritania", "011"),
        Area("NER", "NE", 562, "Niger", "011"),
        Area("NGA", "NG", 566, "Nigeria", "011"),
        Area("SHN", "SH", 654, "Saint Helena", "011"),
        Area("SEN", "SN", 686, "Senegal", "011"),
        Area("SLE", "SL", 694, "Sierra Leone", "011"),
        Area("TGO", "TG", 768, "Togo", "011"),

        Area("AIA", "AI", 660, "Anguilla", "029"),
        Area("ATG", "AG", 28, "Antigua and Barbuda", "029"),
        Area("ABW", "AW", 533, "Aruba", "029"),
        Area("BHS", "BS", 44, "Bahamas", "029"),
        Area("BRB", "BB", 52, "Barbados", "029"),
        Area("BES", "BQ", 535, "Bonaire, Sint Eustatius and Saba", "029"),
        Area("VGB", "VG", 92, "British Virgin Islands", "029"),
        Area("CYM", "KY", 136, "Cayman Islands", "029"),
        Area("CUB", "CU", 192, "Cuba", "029"),
        Area("CUW", "CW", 531, "Curaçao", "029"),
        Area("DMA", "DM", 212, "Dominica", "029"),
        Area("DOM", "DO", 214, "Dominican Republic", "029"),
        Area("GRD", "GD", 308, "Grenada", "029"),
        Area("GLP", "GP", 312, "Guadeloupe", "029"),
        Area("HTI", "HT", 332, "Haiti", "029"),
        Area("JAM", "JM", 388, "Jamaica", "029"),
        Area("MTQ", "MQ", 474, "Martinique", "029"),
        Area("MSR", "MS", 500, "Montserrat", "029"),
        Area("PRI", "PR", 630, "Puerto Rico", "029"),
        Area("BLM", "BL", 652, "Saint Barthélemy", "029"),
        Area("KNA", "KN", 659, "Saint Kitts and Nevis", "029"),
        Area("LCA", "LC", 662, "Saint Lucia", "029"),
        Area("MAF", "MF", 663, "Saint Martin (French Part)", "029"),
        Area("VCT", "VC", 670, "Saint Vincent and the Grenadines", "029"),
        Area("SXM", "SX", 534, "Sint Maarten (Dutch part)", "029"),
        Area("TTO", "TT", 780, "Trinidad and Tobago", "029"),
        Area("TCA", "TC", 796, "Turks and Caicos Islands", "029"),
        Area("VIR", "VI", 850, "United States Virgin Islands", "029"),
        Area("BLZ", "BZ", 84, "Belize", "013"),
        Area("CRI", "CR", 188, "Costa Rica", "013"),
        Area("SLV", "SV", 222, "El Salvador", "013"),
        Area("GTM", "GT", 320, "Guatemala", "013"),
        Area("HND", "HN", 340, "Honduras", "013"),
        Area("MEX", "MX", 484, "Mexico", "013"),
        Area("NIC", "NI", 558, "Nicaragua", "013"),
        Area("PAN", "PA", 591, "Panama", "013"),
        Area("ARG", "AR", 32, "Argentina", "005"),
        Area("BOL", "BO", 68, "Bolivia (Plurinational State of)", "005"),
        Area("BVT", "BV", 74, "Bouvet Island", "005"),
        Area("BRA", "BR", 76, "Brazil", "005"),
        Area("CHL", "CL", 152, "Chile", "005"),
        Area("COL", "CO", 170, "Colombia", "005"),
        Area("ECU", "EC", 218, "Ecuador", "005"),
        Area("FLK", "FK", 238, "Falkland Islands (Malvinas)", "005"),
        Area("GUF", "GF", 254, "French Guiana", "005"),
        Area("GUY", "GY", 328, "Guyana", "005"),
        Area("PRY", "PY", 600, "Paraguay", "005"),
        Area("PER", "PE", 604, "Peru", "005"),
        Area("SGS", "GS", 239, "South Georgia and the South Sandwich Islands", "005"),
        Area("SUR", "SR", 740, "Suriname", "005"),
        Area("URY", "UY", 858, "Uruguay", "005"),
        Area("VEN", "VE", 862, "Venezuela (Bolivarian Republic of)", "005"),
        Area("BMU", "BM", 60, "Bermuda", "021"),
        Area("CAN", "CA", 124, "Canada", "021"),
        Area("GRL", "GL", 304, "Greenland", "021"),
        Area("SPM", "PM", 666, "Saint Pierre and Miquelon", "021"),
        Area("USA", "US", 840, "United States of America", "021"),

        // M49 places Antarctica directly under the World (001), in no region or sub-region: its region codes are empty.
        Area("ATA", "AQ", 10, "Antarctica", Regions.WorldCode),

        Area("KAZ", "KZ", 398, "Kazakhstan", "143"),
        Area("KGZ", "KG", 417, "Kyrgyzstan", "143"),
        Area("TJK", "TJ", 762, "Tajikistan", "143"),
        Area("TKM", "TM", 795, "Turkmenistan", "143"),
        Area("UZB", "UZ", 860, "Uzbekistan", "143"),
        Area("CHN", "CN", 156, "China", "030"),
        Area("HKG", "HK", 344, "China, Hong Kong Special Administrative Region", "030"),
        Area("MAC", "MO", 446, "China, Macao Special Administrative Region", "030"),
        Area("PRK", "KP", 408, "Democratic People's Republic of Korea", "030"),
        Area("JPN", "JP", 392, "Japan", "030"),
        Area("MNG", "MN", 496, "Mongolia", "030"),
        Area("KOR", "KR", 410, "Republic of Korea", "030"),
        Area("BRN", "BN", 96, "Brunei Darussalam", "035"),
        Area("KHM", "KH", 116, "Cambodia", "035"),
        Area("IDN", "ID", 360, "Indonesia", "035"),
        Area("LAO", "LA", 418, "Lao People's Democratic Republic", "035"),
        Area("MYS", "MY", 458, "Malaysia", "035"),
        Area("MMR", "MM", 104, "Myanmar", "035"),
        Area("PHL", "PH", 608, "Philippines", "035"),
        Area("SGP", "SG", 702, "Singapore", "035"),
        Area("THA", "TH", 764, "Thailand", "035"),
        Area("TLS", "TL", 626, "Timor-Leste", "035"),
        Area("VNM", "VN", 704, "Viet Nam", "035"),
        Area("AFG", "AF", 4, "Afghanistan", "034"),
        Area("BGD", "BD", 50, "Bangladesh", "034"),
        Area("BTN", "BT", 64, "Bhutan", "034"),
        Area("IND", "IN", 356, "India", "034"),
        Area("IRN", "IR", 364, "Iran (Islamic Republic of)", "034"),
        Area("MDV", "MV", 462, "Maldives", "034"),
        Area("NPL", "NP", 524, "Nepal", "034"),
        Area("PAK", "PK", 586, "Pakistan", "034"),
        Area("LKA", "LK", 144, "Sri Lanka", "034"),
        Area("ARM", "AM", 51, "Armenia", "145"),
        Area("AZE", "AZ", 31, "Azerbaijan", "145"),
        Area("BHR", "BH", 48, "Bahrain", "145"),
        Area("CYP", "CY", 196, "Cyprus", "145"),
        Area("GEO", "GE", 268, "Georgia", "145"),
        Area("IRQ", "IQ", 368, "Iraq", "145"),
        Area("ISR", "IL", 376, "Israel", "145"),
        Area("JOR", "JO", 400, "Jordan", "145"),
        Area("KWT", "KW", 414, "Kuwait", "145"),
        Area("LBN", "LB", 422, "Lebanon", "145"),
        Area("OMN", "OM", 512, "Oman", "145"),
        Area("QAT", "QA", 634, "Qatar", "145"),
        Area("SAU", "SA", 682, "Saudi Arabia", "145"),
        Area("PSE", "PS", 275, "State of Palestine", "145"),
        Area("SYR", "SY", 760, "Syrian Arab Republic", "145"),
        Area("TUR", "TR", 792, "Türkiye", "145"),
        Area("ARE", "AE", 784, "United Arab Emirates", "145"),
        Area("YEM", "YE", 887, "Yemen", "145"),

        Area("BLR", "BY", 112, "Belarus", "151"),
        Area("BGR", "BG", 100, "Bulgaria", "151"),
        Area("CZE", "CZ", 203, "Czechia", "151"),
        Area("HUN", "HU", 348, "Hungary", "151"),
        Area("POL", "PL", 616, "Poland", "151"),
        Area("MDA", "MD", 498, "Republic of Moldova", "151"),
        Area("ROU", "RO", 642, "Romania", "151"),
        Area("RUS", "RU", 643, "Russian Federation", "151"),
        Area("SVK", "SK", 703, "Slovakia", "151"),
        Area("UKR", "UA", 804, "Ukraine", "151"),
        Area("ALA", "AX", 248, "Åland Islands", "154"),
        Area("DNK", "DK", 208, "Denmark", "154"),
        Area("EST", "EE", 233, "Estonia", "154"),
        Area("FRO", "FO", 234, "Faroe Islands", "154"),
        Area("FIN", "FI", 246, "Finland", "154"),
        Area("GGY", "GG", 831, "Guernsey", "830"),
        Area("ISL", "IS", 352, "Iceland", "154"),
        Area("IRL", "IE", 372, "Ireland", "154"),
        Area("IMN", "IM", 833, "Isle of Man", "154"),
        Area("JEY", "JE", 832, "Jersey", "830"),
        Area("LVA", "LV", 428, "Latvia", "154"),
        Area("LTU", "LT", 440, "Lithuania", "154"),
        Area("NOR", "NO", 578, "Norway", "154"),
        Area("SJM", "SJ", 744, "Svalbard and Jan Mayen Islands", "154"),
        Area("SWE", "SE", 752, "Sweden", "154"),
        Area("GBR", "GB", 826, "United Kingdom of Great Britain and Northern Ireland", "154"),
        Area("ALB", "AL", 8, "Albania", "039"),
        Area("AND", "AD", 20, "Andorra", "039"),
        Area("BIH", "BA", 70, "Bosnia and Herzegovina", "039"),
        Area("HRV", "HR", 191, "Croatia", "039"),
        Area("GIB", "GI", 292, "Gibraltar", "039"),
        Area("GRC", "GR", 300, "Greece", "039"),
        Area("VAT", "VA", 336, "Holy See", "039"),
        Area("ITA", "IT", 380, "Italy", "039"),
        Area("MLT", "MT", 470, "Malta", "039"),
        Area("MNE", "ME", 499, "Montenegro", "039"),
        Area("MKD", "MK", 807, "North Macedonia", "039"),
        Area("PRT", "PT", 620, "Portugal", "039"),
        Area("SMR", "SM", 674, "San Marino", "039"),
        Area("SRB", "RS", 688, "Serbia", "039"),
        Area("SVN", "SI", 705, "Slovenia", "039"),
        Area("ESP", "ES", 724, "Spain", "039"),
        Area("AUT", "AT", 40, "Austria", "155"),
        Area("BEL", "BE", 56, "Belgium", "155"),
        Area("FRA", "FR", 250, "France", "155"),
        Area("DEU", "DE", 276, "Germany", "155"),
        Area("LIE", "LI", 438, "Liechtenstein", "155"),
        Area("LUX", "LU", 442, "Luxembourg", "155"),
        Area("MCO", "MC", 492, "Monaco", "155"),
        Area("NLD", "NL", 528, "Netherlands (Kingdom of the)", "155"),
        Area("CHE", "CH", 756, "Switzerland", "155"),

        Area("AUS", "AU", 36, "Australia", "053"),
        Area("CXR", "CX", 162, "Christmas Island", "053"),
        Area("CCK", "CC", 166, "Cocos (Keeling) Islands", "053"),
        Area("HMD", "HM", 334, "Heard Island and McDonald Islands", "053"),
        Area("NZL", "NZ", 554, "New Zealand", "053"),
        Area("NFK", "NF", 574, "Norfolk Island", "053"),
        Area("FJI", "FJ", 242, "Fiji", "054"),
        Area("NCL", "NC", 540, "New Caledonia", "054"),
        Area("PNG", "PG", 598, "Papua New Guinea", "054"),
        Area("SLB", "SB", 90, "Solomon Islands", "054"),
        Area("VUT", "VU", 548, "Vanuatu", "054"),
        Area("GUM", "GU", 316, "Guam", "057"),
        Area("KIR", "KI", 296, "Kiribati", "057"),
        Area("MHL", "MH", 584, "Marshall Islands", "057"),
        Area("FSM", "FM", 583, "Micronesia (Federated States of)", "057"),
        Area("NRU", "NR", 520, "Nauru", "057"),
        Area("MNP", "MP", 580, "Northern Mariana Islands", "057"),
        Area("PLW", "PW", 585, "Palau", "057"),
        Area("UMI", "UM", 581, "United States Minor Outlying Islands", "057"),
        Area("ASM", "AS", 16, "American Samoa", "061"),
        Area("COK", "CK", 184, "Cook Islands", "061"),
        Area("PYF", "PF", 258, "French Polynesia", "061"),
        Area("NIU", "NU", 570, "Niue", "061"),
        Area("PCN", "PN", 612, "Pitcairn", "061"),
        Area("WSM", "WS", 882, "Samoa", "061"),
        Area("TKL", "TK", 772, "Tokelau", "061"),
        Area("TON", "TO", 776, "Tonga", "061"),
        Area("TUV", "TV", 798, "Tuvalu", "061"),
        Area("WLF", "WF", 876, "Wallis and Futuna Islands", "061"),
    ];

    private static readonly FrozenDictionary<string, Country> ByAlpha3 =
        All.ToFrozenDictionary(c => c.Alpha3, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, IReadOnlyList<Country>> ByRegion = All
        .SelectMany(c => c.RegionCodes().Select(code => (Code: code, Country: c)))
        .GroupBy(x => x.Code, x => x.Country)
        .ToFrozenDictionary(g => g.Key, IReadOnlyList<Country> (g) => [.. g], StringComparer.Ordinal);

    private static readonly FrozenDictionary<CountryGrouping, IReadOnlyList<Country>> ByGrouping = All
        .SelectMany(c => c.Groupings().Select(grouping => (Grouping: grouping, Country: c)))
        .GroupBy(x => x.Grouping, x => x.Country)
        .ToFrozenDictionary(g => g.Key, IReadOnlyList<Country> (g) => [.. g]);

    /// <summary>Looks a country up by its ISO 3166-1 alpha-3 code, ignoring case.</summary>
    public static bool TryGet(string? alpha3, [MaybeNullWhen(false)] out Country country)
    {
        if (alpha3 is null)
        {
            country = null;
            return false;
        }

        return ByAlpha3.TryGetValue(alpha3, out country);
    }

    public static bool IsKnown(string? alpha3) => alpha3 is not null && ByAlpha3.ContainsKey(alpha3);

    public static IReadOnlyList<Country> InGrouping(CountryGrouping grouping) =>
        ByGrouping.TryGetValue(grouping, out var countries) ? countries : [];

    internal static IReadOnlyList<Country> InRegion(string? regionCode) =>
        regionCode is not null && ByRegion.TryGetValue(regionCode, out var countries) ? countries : [];

    private static Country Area(string alpha3, string alpha2, int m49, string name, string areaCode)
    {
        var regionCodes = Ancestry(areaCode).ToDictionary(r => r.Level, r => r.Code);
        return new Country(
            alpha3,
            alpha2,
            m49,
            name,
            regionCodes.GetValueOrDefault(RegionLevel.Region, ""),
            regionCodes.GetValueOrDefault(RegionLevel.SubRegion, ""),
            regionCodes.GetValueOrDefault(RegionLevel.IntermediateRegion),
            CountryGroupings.Ldc.Contains(alpha3),
            CountryGroupings.Lldc.Contains(alpha3),
            CountryGroupings.Sids.Contains(alpha3));
    }

    private static IEnumerable<Region> Ancestry(string code)
    {
        while (code != Regions.WorldCode)
        {
            var region = Regions.TryGet(code, out var found) ? found : throw new InvalidOperationException($"Unknown M49 region '{code}'.");
            yield return region;
            code = region.ParentCode!;
        }
    }
}
