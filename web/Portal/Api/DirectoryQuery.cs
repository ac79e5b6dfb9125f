using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CooperationPlatform.Portal.Api;

/// <summary>
/// A directory search as the portal's URL carries it (<c>/directory?q=solar&amp;country=CHN&amp;sdg=7&amp;page=2</c>), the same
/// parameter names as the API's. <see cref="Parse"/> corrects what a person or a crawler may type: unknown parameters and values are
/// dropped (checked against the reference data when it could be read, else by their form), a page that is not a number is page 1.
/// So a nonsense query string gives a search, never an error.
/// </summary>
public sealed partial record DirectoryQuery(string? Text, IReadOnlyList<KeyValuePair<string, string>> Filters, int Page)
{
    public const string Path = "/directory";
    public const int MaxTextLength = 200;
    public const int MaxValuesPerFilter = 20;
    public const int MaxPage = 500;

    /// <summary>The facets the portal offers, in the order it shows them; each is the API's parameter name.</summary>
    public static readonly IReadOnlyList<string> FacetNames = ["type", "country", "region", "grouping", "sector", "sdg", "role", "network"];

    public static readonly IReadOnlySet<string> InstitutionTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ministry-or-government-agency", "research-or-training-centre", "un-agency-or-centre", "network-secretariat",
        "private-sector-organization", "financial-institution", "trust-fund", "city-or-local-government", "ngo-or-academia", "network",
    };

    public static readonly IReadOnlySet<string> PartnerRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        "funding", "accountable", "extending", "implementing", "beneficiary", "pivotal", "facilitating",
    };

    public static readonly IReadOnlySet<string> Groupings = new HashSet<string>(StringComparer.Ordinal) { "ldc", "lldc", "sids" };

    public static readonly DirectoryQuery Empty = new(null, [], 1);

    public bool IsEmpty => Text is null && Filters.Count == 0;

    public bool Has(string name, string value) => Filters.Contains(new(name, value));

    public static DirectoryQuery Parse(IQueryCollection query, Vocabularies vocabularies)
    {
        var text = query["q"].FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        if (text is { Length: > MaxTextLength })
        {
            text = text[..MaxTextLength];
        }
        var filters = new List<KeyValuePair<string, string>>();
        foreach (var name in FacetNames)
        {
            var values = query[name].Select(value => Normalize(name, value?.Trim() ?? "", vocabularies)).OfType<string>()
                .Distinct(StringComparer.Ordinal).Take(MaxValuesPerFilter);
            filters.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value)));
        }
        var page = int.TryParse(query["page"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? Math.Clamp(number, 1, MaxPage)
            : 1;
        return new DirectoryQuery(string.IsNullOrEmpty(text) ? null : text, filters, page);
    }

    /// <summary>The value in the API's form, or null when it cannot be one.</summary>
    private static string? Normalize(string name, string value, Vocabularies vocabularies) => name switch
    {
        "type" => InstitutionTypes.Contains(value) ? value : null,
        "role" => PartnerRoles.Contains(value) ? value : null,
        "grouping" => Groupings.Contains(value.ToLowerInvariant()) ? value.ToLowerInvariant() : null,
        "sdg" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var goal) && goal is >= 1 and <= 17
            ? goal.ToString(CultureInfo.InvariantCulture) : null,
        "network" => Guid.TryParse(value, out var id) ? id.ToString() : null,
        "country" => Known(value.ToUpperInvariant(), vocabularies.Countries, CountryCode()),
        "region" => Known(value, vocabularies.Regions, RegionCode()),
        "sector" => Known(value, vocabularies.Sectors, SectorCode()),
        _ => null,
    };

    private static string? Known<T>(string value, IReadOnlyDictionary<string, T> known, Regex form) =>
        (known.Count > 0 ? known.ContainsKey(value) : form.IsMatch(value)) ? value : null;

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[0-9]{3}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,79}$")]
    private static partial Regex SectorCode();

    public DirectoryQuery With(string name, string value) =>
        Has(name, value) ? this with { Page = 1 } : this with { Filters = [.. Filters, new(name, value)], Page = 1 };

    public DirectoryQuery Without(string name, string value) =>
        this with { Filters = [.. Filters.Where(f => f.Key != name || f.Value != value)], Page = 1 };

    public DirectoryQuery WithoutFilters() => this with { Filters = [], Page = 1 };

    public DirectoryQuery AtPage(int page) => this with { Page = page };

    /// <summary>The portal's URL of this search.</summary>
    public string Url()
    {
        var query = QueryString(includePage: true);
        return query.Length == 0 ? Path : $"{Path}?{query}";
    }

    /// <summary>The API's URL of this search: <c>pageIndex</c> counts from 0 there.</summary>
    public string ApiPath(int pageSize)
    {
        var query = QueryString(includePage: false);
        PortalApi.Append(query, "pageIndex", (Page - 1).ToString(CultureInfo.InvariantCulture));
        PortalApi.Append(query, "pageSize", pageSize.ToString(CultureInfo.InvariantCulture));
        return $"/api/directory/v1/institutions?{query}";
    }

    private StringBuilder QueryString(bool includePage)
    {
        var query = new StringBuilder();
        if (Text is not null)
        {
            PortalApi.Append(query, "q", Text);
        }
        foreach (var (name, value) in Filters)
        {
            PortalApi.Append(query, name, value);
        }
        if (includePage && Page > 1)
        {
            PortalApi.Append(query, "page", Page.ToString(CultureInfo.InvariantCulture));
        }
        return query;
    }
}
