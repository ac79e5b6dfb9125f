using System.Globalization;
using System.Text;

namespace CooperationPlatform.Portal.Api;

/// <summary>The calls the pages make, one method per public endpoint, grouped by service.</summary>
public sealed partial class PortalApi
{
    // Directory: /api/directory/v1

    public Task<ApiResult<InstitutionSearchPage>> SearchInstitutionsAsync(DirectoryQuery query, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<InstitutionSearchPage>(query.ApiPath(pageSize), cancellationToken);

    public Task<ApiResult<Institution>> GetInstitutionAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<Institution>($"/api/directory/v1/institutions/{id}", cancellationToken);

    /// <summary>404 unless the institution is a network.</summary>
    public Task<ApiResult<NetworkSummary>> GetNetworkAsync(Guid networkId, CancellationToken cancellationToken) =>
        GetAsync<NetworkSummary>($"/api/directory/v1/networks/{networkId}", cancellationToken);

    public Task<ApiResult<List<Membership>>> GetMembershipsAsync(Guid institutionId, CancellationToken cancellationToken) =>
        GetAsync<List<Membership>>($"/api/directory/v1/institutions/{institutionId}/memberships", cancellationToken);

    public Task<ApiResult<TrackRecord>> GetTrackRecordAsync(Guid institutionId, CancellationToken cancellationToken) =>
        GetAsync<TrackRecord>($"/api/directory/v1/institutions/{institutionId}/track-record", cancellationToken);

    /// <summary><paramref name="kind"/> is <c>offers</c> or <c>needs</c>; open ones only, newest first.</summary>
    public Task<ApiResult<Page<Listing>>> GetListingsAsync(string kind, Guid institutionId, CancellationToken cancellationToken) =>
        GetAsync<Page<Listing>>($"/api/directory/v1/{kind}?institutionId={institutionId}&status=open&pageSize=50", cancellationToken);

    // Analytics: /api/analytics/v1

    public Task<ApiResult<Overview>> GetOverviewAsync(CancellationToken cancellationToken) =>
        GetAsync<Overview>("/api/analytics/v1/overview", cancellationToken);

    // Events: /api/events/v1

    /// <summary>The newest events first (by start date), as the API lists them.</summary>
    public Task<ApiResult<Page<EventItem>>> GetEventsAsync(int pageSize, CancellationToken cancellationToken) =>
        GetAsync<Page<EventItem>>(string.Create(CultureInfo.InvariantCulture, $"/api/events/v1/events?pageSize={pageSize}"), cancellationToken);

    // Portfolio: /api/portfolio/v1

    public Task<ApiResult<ProjectSearchPage>> SearchProjectsAsync(string queryString, CancellationToken cancellationToken) =>
        GetAsync<ProjectSearchPage>($"/api/portfolio/v1/projects?{queryString}", cancellationToken);

    // Reference data (the same on every service; read from the directory's copy)

    public Task<ApiResult<List<Country>>> GetCountriesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<Country>>("/api/directory/v1/reference/countries", cancellationToken);

    public Task<ApiResult<List<Region>>> GetRegionsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<Region>>("/api/directory/v1/reference/regions", cancellationToken);

    public Task<ApiResult<List<Sdg>>> GetSdgsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<Sdg>>("/api/directory/v1/reference/sdgs", cancellationToken);

    public Task<ApiResult<List<Term>>> GetSectorsAsync(CancellationToken cancellationToken) =>
        GetAsync<List<Term>>("/api/directory/v1/reference/sectors", cancellationToken);

    public Task<ApiResult<List<Term>>> GetCooperationModesAsync(CancellationToken cancellationToken) =>
        GetAsync<List<Term>>("/api/directory/v1/reference/cooperation-modes", cancellationToken);

    internal static string Encode(string value) => Uri.EscapeDataString(value);

    internal static void Append(StringBuilder query, string name, string value) =>
        query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Encode(value));
}
