using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.ServiceDefaults.Tests;

public sealed class ProblemMappingTests
{
    public static TheoryData<Exception, int> Cases => new()
    {
        { new RequestValidationException("sdg", "18 is not a Sustainable Development Goal."), 400 },
        { new UnprocessableException("partners[0].institutionId", "Unknown institution."), 422 },
        { new NotFoundException("Project", Guid.Empty), 404 },
        { new ConflictException("Already registered."), 409 },
        { new PreconditionFailedException(), 412 },
        { new DbUpdateConcurrencyException("stale"), 412 },
        { new ForbiddenException("Not yours."), 403 },
        { new BadHttpRequestException("Too large.", StatusCodes.Status413PayloadTooLarge), 413 },
        { new InvalidOperationException("internal detail"), 500 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_maps_to_its_status(Exception exception, int status) =>
        Assert.Equal(status, ProblemMapping.ToProblem(exception).Status);

    [Fact]
    public void Validation_problems_name_the_offending_field()
    {
        var problem = ProblemMapping.ToProblem(new RequestValidationException("countries[1].code", "ZZZ is not an ISO 3166-1 alpha-3 code."));

        var validation = Assert.IsType<HttpValidationProblemDetails>(problem);
        Assert.Equal(["ZZZ is not an ISO 3166-1 alpha-3 code."], validation.Errors["countries[1].code"]);
    }

    [Fact]
    public void Unexpected_errors_reveal_nothing_of_the_exception()
    {
        var problem = ProblemMapping.ToProblem(new InvalidOperationException("connection string Password=secret"));

        Assert.DoesNotContain("secret", problem.Detail);
        Assert.DoesNotContain("InvalidOperationException", problem.Detail);
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound, "https://tools.ietf.org/html/rfc9110#section-15.5.5")]
    [InlineData(StatusCodes.Status405MethodNotAllowed, "https://tools.ietf.org/html/rfc9110#section-15.5.6")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "https://tools.ietf.org/html/rfc9110#section-15.5.14")]
    [InlineData(StatusCodes.Status414UriTooLong, "https://tools.ietf.org/html/rfc9110#section-15.5.15")]
    [InlineData(StatusCodes.Status415UnsupportedMediaType, "https://tools.ietf.org/html/rfc9110#section-15.5.16")]
    [InlineData(StatusCodes.Status429TooManyRequests, "https://tools.ietf.org/html/rfc6585#section-4")]
    [InlineData(StatusCodes.Status431RequestHeaderFieldsTooLarge, "https://tools.ietf.org/html/rfc6585#section-5")]
    [InlineData(StatusCodes.Status503ServiceUnavailable, "https://tools.ietf.org/html/rfc9110#section-15.6.4")]
    public void A_refused_request_points_at_the_section_that_defines_its_status(int status, string type)
    {
        var problem = ProblemMapping.ToProblem(new BadHttpRequestException("Refused.", status));

        Assert.Equal(status, problem.Status);
        Assert.Equal(type, problem.Type);
    }

    [Theory]
    [InlineData("Failed to read parameter \"PartnerClientRequest request\" from the request body as JSON.", "parameter \"request\"")]
    [InlineData("Required parameter \"Dictionary<string, int> counts\" was not provided from body.", "parameter \"counts\"")]
    [InlineData("The JSON value could not be converted to CooperationPlatform.Gateway.Identity.PartnerClientRequest. Path: $ | LineNumber: 0.", "Path: $")]
    [InlineData("The JSON value could not be converted to System.Collections.Generic.IReadOnlyList`1[System.String]. Path: $.scopes.", "Path: $.scopes")]
    public void The_frameworks_messages_reach_the_caller_without_dotnet_type_names(string message, string kept)
    {
        var detail = ProblemMapping.WithoutTypeNames(message);

        Assert.Contains(kept, detail);
        Assert.DoesNotContain("PartnerClientRequest", detail);
        Assert.DoesNotContain("Dictionary", detail);
        Assert.DoesNotContain("System.", detail);
        Assert.DoesNotContain("CooperationPlatform", detail);
    }
}
