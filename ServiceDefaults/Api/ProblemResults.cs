using System.Reflection;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CooperationPlatform.ServiceDefaults.Api;

// One result type per problem status the services answer with. In a handler's signature (Results<Ok<T>, NotFoundProblem, ...>) each
// documents its response in OpenAPI; returned, each writes the body ProblemMapping gives the matching exception, through the code the
// exception handler uses, so that a returned problem and a thrown one cannot differ. 401, 429, and the 400 and 413 of a request body
// are declared once for every endpoint (ApiGroups, OpenApiDefaults), not in signatures.

/// <summary>400: input that breaks a rule, with the offending fields named (as <see cref="RequestValidationException"/>).</summary>
public sealed class BadRequestProblem(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : ProblemResult(new RequestValidationException(errors, detail), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status400BadRequest;

    public BadRequestProblem(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(HttpValidationProblemDetails));
}

/// <summary>403: the caller may not do this to this record (as <see cref="ForbiddenException"/>).</summary>
public sealed class ForbiddenProblem(string message) : ProblemResult(new ForbiddenException(message), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status403Forbidden;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(ProblemDetails));
}

/// <summary>404: the record the request names does not exist (as <see cref="NotFoundException"/>).</summary>
public sealed class NotFoundProblem(string resource, object id) : ProblemResult(new NotFoundException(resource, id), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status404NotFound;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(ProblemDetails));
}

/// <summary>409: the request clashes with the current state, a duplicate or an invalid transition (as <see cref="ConflictException"/>).</summary>
public sealed class ConflictProblem(string message) : ProblemResult(new ConflictException(message), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status409Conflict;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(ProblemDetails));
}

/// <summary>412: the If-Match ETag is not the current version any more (as <see cref="PreconditionFailedException"/>).</summary>
public sealed class PreconditionFailedProblem() : ProblemResult(new PreconditionFailedException(), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status412PreconditionFailed;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(ProblemDetails));
}

/// <summary>422: well-formed input that refers to something that cannot be used (as <see cref="UnprocessableException"/>).</summary>
public sealed class UnprocessableProblem(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : ProblemResult(new UnprocessableException(errors, detail), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status422UnprocessableEntity;

    public UnprocessableProblem(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(HttpValidationProblemDetails));
}

/// <summary>428: an update came without If-Match (as <see cref="PreconditionRequiredException"/>).</summary>
public sealed class PreconditionRequiredProblem() : ProblemResult(new PreconditionRequiredException(), Status), IEndpointMetadataProvider
{
    private const int Status = StatusCodes.Status428PreconditionRequired;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Document(builder, Status, typeof(ProblemDetails));
}

/// <summary>What the problem results share: the exception whose problem each writes, its status, and how one is documented.</summary>
public abstract class ProblemResult(Exception exception, int statusCode) : IResult, IStatusCodeHttpResult
{
    public const string ContentType = "application/problem+json";

    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, exception);

    /// <summary>Writes the problem <see cref="ProblemMapping"/> gives <paramref name="exception"/>, as the exception handler would.</summary>
    public static async Task WriteAsync(HttpContext httpContext, Exception exception)
    {
        // The headers the exception handler middleware leaves on a thrown problem, so that no cache keeps a returned one either.
        var headers = httpContext.Response.Headers;
        headers.CacheControl = "no-cache,no-store";
        headers.Pragma = "no-cache";
        headers.Expires = "-1";
        headers.ETag = default;
        await ProblemResponse.WriteAsync(httpContext, ProblemMapping.ToProblem(exception), exception);
    }

    /// <summary>Declares the response once per status, whichever declares it first (the signature, or a group's convention).</summary>
    public static void Document(EndpointBuilder builder, int status, Type body)
    {
        if (!builder.Metadata.OfType<IProducesResponseTypeMetadata>().Any(produces => produces.StatusCode == status))
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, body, [ContentType]));
        }
    }
}
