using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

using CooperationPlatform.ServiceDefaults.Tests.Support;

namespace CooperationPlatform.ServiceDefaults.Tests;

/// <summary>The typed problem results: returned, each answers as its exception does when thrown; in a signature, each documents its status.</summary>
public sealed class ProblemResultTests : LoopbackAppTests
{
    protected override void Map(WebApplication app)
    {
        app.MapDefaultEndpoints();
        var api = app.MapApiGroup("problems");
        foreach (var (name, exception, result) in Cases())
        {
            api.MapGet($"/thrown/{name}", () => { throw exception; });
            api.MapGet($"/returned/{name}", () => result);
        }
        api.MapGet("/documented/{id:guid}", Documented).WithName("documented");
        api.MapPost("/documented", (EchoRequest request, LinkGenerator links) =>
            TypedResults.Created(links.PathTo("documented", new() { ["id"] = Guid.Empty }), request));
    }

    private static IEnumerable<(string Name, Exception Thrown, IResult Returned)> Cases() =>
    [
        ("bad-request", new RequestValidationException("sdgs[0]", "18 is not a Sustainable Development Goal."),
            new BadRequestProblem("sdgs[0]", "18 is not a Sustainable Development Goal.")),
        ("forbidden", new ForbiddenException("Not yours."), new ForbiddenProblem("Not yours.")),
        ("not-found", new NotFoundException("Institution", "ucssic"), new NotFoundProblem("Institution", "ucssic")),
        ("conflict", new ConflictException("Already registered."), new ConflictProblem("Already registered.")),
        ("precondition-failed", new PreconditionFailedException(), new PreconditionFailedProblem()),
        ("unprocessable", new UnprocessableException("partners[0].institutionId", "Unknown institution."),
            new UnprocessableProblem("partners[0].institutionId", "Unknown institution.")),
        ("precondition-required", new PreconditionRequiredException(), new PreconditionRequiredProblem()),
    ];

    public static TheoryData<string> Names => new(Cases().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_returned_problem_answers_as_its_exception_thrown(string name)
    {
        using var thrown = await Client.GetAsync($"/api/problems/v1/thrown/{name}", TestContext.Current.CancellationToken);
        using var returned = await Client.GetAsync($"/api/problems/v1/returned/{name}", TestContext.Current.CancellationToken);

        Assert.Equal(thrown.StatusCode, returned.StatusCode);
        Assert.Equal("application/problem+json", returned.Content.Headers.ContentType?.MediaType);
        Assert.Equal(thrown.Headers.CacheControl?.ToString(), returned.Headers.CacheControl?.ToString());
        Assert.Equal(await BodyOfAnyRequestAsync(thrown), await BodyOfAnyRequestAsync(returned));
    }

    [Fact]
    public async Task A_signature_documents_its_problems_and_a_body_its_400_and_413()
    {
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var paths = document.GetProperty("paths");

        var get = paths.GetProperty("/api/problems/v1/documented/{id}").GetProperty("get").GetProperty("responses");
        Assert.Equal(["200", "404", "412", "429"], get.EnumerateObject().Select(r => r.Name).Order());
        Assert.True(get.GetProperty("404").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var post = paths.GetProperty("/api/problems/v1/documented").GetProperty("post").GetProperty("responses");
        Assert.Equal(["201", "400", "413", "429"], post.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task A_location_is_the_path_of_the_named_endpoint()
    {
        using var created = await Client.PostAsJsonAsync("/api/problems/v1/documented", new EchoRequest("x"), TestContext.Current.CancellationToken);

        Assert.Equal($"/api/problems/v1/documented/{Guid.Empty}", created.Headers.Location?.OriginalString);
    }

    private static Results<Ok<string>, NotFoundProblem, PreconditionFailedProblem> Documented(Guid id) => TypedResults.Ok(id.ToString());

    /// <summary>The body without the members that name the request (its path and its trace), after checking they are there.</summary>
    private static async Task<string> BodyOfAnyRequestAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.True(body.Remove("traceId"));
        Assert.True(body.Remove("instance"));
        return body.ToJsonString();
    }


    public sealed record EchoRequest(string Name);
}
