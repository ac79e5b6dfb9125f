using System.Net;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>The directory API's base path, request builders with unique names, and shortcuts for its calls (built on <see cref="HttpCalls"/>).</summary>
public static class DirectoryClient
{
    public const string Base = "/api/directory/v1";

    public static CreateInstitutionRequest Institution(string name, string? country = "CHN", InstitutionType type = InstitutionType.ResearchOrTrainingCentre) => new()
    {
        Name = name,
        Type = type,
        Country = country,
    };

    /// <summary>Archives the resource at <paramref name="path"/> (a full path) through its <c>/archive</c> action.</summary>
    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient http, string path, string? ifMatch) =>
        http.CallAsync(HttpCalls.Request(HttpMethod.Post, path + "/archive", ifMatch));

    public static async Task<(InstitutionResponse Institution, string ETag)> CreateAsync(this HttpClient http, CreateInstitutionRequest request)
    {
        using var response = await http.PostJsonAsync($"{Base}/institutions", request);
        var institution = await response.ReadAsync<InstitutionResponse>(HttpStatusCode.Created);
        return (institution, response.Headers.ETag!.ToString());
    }

    /// <summary>Publishes a listing at <paramref name="path"/> (a full path: the offers or the needs).</summary>
    public static async Task<(ListingResponse Listing, string ETag)> PublishAsync(this HttpClient http, string path, CreateListingRequest request)
    {
        using var response = await http.PostJsonAsync(path, request);
        var listing = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        return (listing, response.Headers.ETag!.ToString());
    }

    public static async Task<(MembershipResponse Membership, string ETag)> JoinAsync(this HttpClient http, CreateMembershipRequest request)
    {
        using var response = await http.PostJsonAsync($"{Base}/memberships", request);
        var membership = await response.ReadAsync<MembershipResponse>(HttpStatusCode.Created);
        return (membership, response.Headers.ETag!.ToString());
    }
}
