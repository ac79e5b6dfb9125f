using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

using CooperationPlatform.ServiceDefaults.Tests.Support;

namespace CooperationPlatform.ServiceDefaults.Tests;

/// <summary>The mapping as a client sees it: a real Kestrel pipeline with the service defaults, on a free loopback port.</summary>
public sealed class ProblemResponseTests : LoopbackAppTests
{
    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapGet("/validation", () => { throw new RequestValidationException("sdgs[0]", "18 is not a Sustainable Development Goal."); });
        app.MapGet("/missing", () => { throw new NotFoundException("Institution", "ucssic"); });
        app.MapGet("/conflict", () => { throw new ConflictException("An institution with this name already exists in CHN."); });
        app.MapGet("/stale", () => { throw new PreconditionFailedException(); });
        app.MapGet("/bug", () => { throw new InvalidOperationException("Password=secret at Npgsql.Internal"); });
        app.MapPost("/echo", (EchoRequest request) => TypedResults.Ok(request));
    }

    [Theory]
    [InlineData("/validation", HttpStatusCode.BadRequest)]
    [InlineData("/missing", HttpStatusCode.NotFound)]
    [InlineData("/conflict", HttpStatusCode.Conflict)]
    [InlineData("/stale", HttpStatusCode.PreconditionFailed)]
    [InlineData("/bug", HttpStatusCode.InternalServerError)]
    [InlineData("/no-such-route", HttpStatusCode.NotFound)]
    public async Task Failures_are_problem_details_with_a_trace_id(string path, HttpStatusCode status)
    {
        using var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task A_validation_problem_names_the_field()
    {
        using var response = await Client.GetAsync("/validation", TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal("18 is not a Sustainable Development Goal.", problem.GetProperty("errors").GetProperty("sdgs[0]")[0].GetString());
    }

    [Fact]
    public async Task A_bug_shows_no_stack_trace_or_secret()
    {
        using var response = await Client.GetAsync("/bug", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("secret", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain(" at ", body);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/echo", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_field_of_the_wrong_type_is_named_in_the_problem()
    {
        using var content = new StringContent("{\"name\": 5}", System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/echo", content, TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var name = new string('x', (int)Api.ApiDefaults.MaxRequestBodyBytes + 10);
        using var response = await Client.PostOversizedAsync("/echo", JsonContent.Create(new EchoRequest(name)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }


    public sealed record EchoRequest(string Name);
}
