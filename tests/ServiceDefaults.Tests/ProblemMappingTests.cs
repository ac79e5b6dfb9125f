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
}
