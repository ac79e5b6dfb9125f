using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;

namespace CooperationPlatform.Testing;

/// <summary>
/// The HTTP calls the service tests make: JSON bodies with the platform's settings (<see cref="ApiDefaults.JsonOptions"/>), an optional
/// If-Match, the test's cancellation token, and reads that check the status first. Every path is a full path; no base is prefixed.
/// </summary>
public static class HttpCalls
{
    /// <summary><paramref name="text"/> made unique by a short random suffix (9 characters longer).</summary>
    public static string Unique(string text) => $"{text} {Guid.NewGuid():N}"[..(text.Length + 9)];

    /// <summary>A request without a body, with If-Match when <paramref name="ifMatch"/> is given.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return request;
    }

    /// <summary>A request with <paramref name="body"/> as JSON, with If-Match when <paramref name="ifMatch"/> is given.</summary>
    public static HttpRequestMessage Json<T>(HttpMethod method, string path, T body, string? ifMatch = null)
    {
        var request = Request(method, path, ifMatch);
        request.Content = JsonContent.Create(body, options: ApiDefaults.JsonOptions);
        return request;
    }

    /// <summary>Sends with the test's cancellation token.</summary>
    public static Task<HttpResponseMessage> CallAsync(this HttpClient client, HttpRequestMessage request) =>
        client.SendAsync(request, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body, string? ifMatch = null) =>
        client.CallAsync(Json(HttpMethod.Post, path, body, ifMatch));

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string path, T body, string? ifMatch = null) =>
        client.CallAsync(Json(HttpMethod.Put, path, body, ifMatch));

    /// <summary>Reads the body of a GET that must answer 200.</summary>
    public static async Task<T> GetAsync<T>(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.ReadAsync<T>();
    }

    /// <summary>Reads the body as JSON after checking the status is <paramref name="expected"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        AssertStatus(response, expected, body);
        return JsonSerializer.Deserialize<T>(body, ApiDefaults.JsonOptions)!;
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            AssertStatus(response, expected, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>Asserts a problem-details response with <paramref name="status"/>, naming <paramref name="field"/> among its errors when given.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        AssertStatus(response, status, body);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Check(mediaType == "application/problem+json", $"Expected application/problem+json, got {mediaType}: {body}");
        if (field is not null)
        {
            using var problem = JsonDocument.Parse(body);
            var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Check(fields.Contains(field), $"Expected an error for '{field}', got: {string.Join(", ", fields)}");
        }
    }

    /// <summary>The problem details of an error response, after checking its status.</summary>
    public static Task<ProblemBody> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected) =>
        response.ReadAsync<ProblemBody>(expected);

    private static void AssertStatus(HttpResponseMessage response, HttpStatusCode expected, string body) =>
        Check(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");

    // This library has xunit's extensibility package, not its assertions: a failed check throws, which fails the test with the message.
    private static void Check(bool holds, string message)
    {
        if (!holds)
        {
            throw new HttpCallAssertionException(message);
        }
    }
}

/// <summary>A check of <see cref="HttpCalls"/> that failed: the expected status, media type or error field, and what came instead.</summary>
public sealed class HttpCallAssertionException(string message) : Exception(message);

/// <summary>The members of a problem-details body the tests look at.</summary>
public sealed record ProblemBody(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors);
