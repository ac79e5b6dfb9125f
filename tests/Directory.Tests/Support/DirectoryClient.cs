using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Apis;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>Calls of the directory API with the platform's JSON settings, and request builders with unique names.</summary>
public static class DirectoryClient
{
    public const string Base = "/api/directory/v1";

    public static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    public static CreateInstitutionRequest Institution(string name, string? country = "CHN", InstitutionType type = InstitutionType.ResearchOrTrainingCentre) => new()
    {
        Name = name,
        Type = type,
        Country = country,
    };

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient http, string path, T body) =>
        http.PostAsJsonAsync(Base + path, body, ApiDefaults.JsonOptions, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient http, string path, T body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Base + path) { Content = JsonContent.Create(body, options: ApiDefaults.JsonOptions) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient http, string path, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Base + path + "/archive");
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiDefaults.JsonOptions)!;
    }

    public static async Task<T> GetAsync<T>(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(Base + path, TestContext.Current.CancellationToken);
        return await response.ReadAsync<T>();
    }

    public static async Task<(InstitutionResponse Institution, string ETag)> CreateAsync(this HttpClient http, CreateInstitutionRequest request)
    {
        using var response = await http.PostJsonAsync("/institutions", request);
        var institution = await response.ReadAsync<InstitutionResponse>(HttpStatusCode.Created);
        return (institution, response.Headers.ETag!.ToString());
    }

    public static async Task<(ListingResponse Listing, string ETag)> PublishAsync(this HttpClient http, string path, CreateListingRequest request)
    {
        using var response = await http.PostJsonAsync(path, request);
        var listing = await response.ReadAsync<ListingResponse>(HttpStatusCode.Created);
        return (listing, response.Headers.ETag!.ToString());
    }

    public static async Task<(MembershipResponse Membership, string ETag)> JoinAsync(this HttpClient http, CreateMembershipRequest request)
    {
        using var response = await http.PostJsonAsync("/memberships", request);
        var membership = await response.ReadAsync<MembershipResponse>(HttpStatusCode.Created);
        return (membership, response.Headers.ETag!.ToString());
    }

    /// <summary>The problem details of an error response, after checking its status.</summary>
    public static async Task<ProblemBody> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        await response.ReadAsync<ProblemBody>(expected);
}

public sealed record ProblemBody(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);
