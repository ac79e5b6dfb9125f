using System.Net;
using System.Text.Json;

namespace CooperationPlatform.Portfolio.Tests.Support;

public static class Problems
{
    /// <summary>Asserts the response is problem details with <paramref name="status"/> naming <paramref name="field"/> among its errors.</summary>
    public static async Task AssertNamesFieldAsync(this HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.True(errors.Contains(field), $"Expected an error for '{field}', got: {string.Join(", ", errors)}");
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
