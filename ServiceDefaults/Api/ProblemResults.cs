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
public sealed class BadRequestProblem(IReadOnlyDictionary<string, string[]> errors, string? detail = null) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public BadRequestProblem(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public int StatusCode => StatusCodes.Status400BadRequest;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new RequestValidationException(errors, detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
}

/// <summary>403: the caller may not do this to this record (as <see cref="ForbiddenException"/>).</summary>
public sealed class ForbiddenProblem(string message) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status403Forbidden;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new ForbiddenException(message));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status403Forbidden, typeof(ProblemDetails));
}

/// <summary>404: the record the request names does not exist (as <see cref="NotFoundException"/>).</summary>
public sealed class NotFoundProblem(string resource, object id) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status404NotFound;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new NotFoundException(resource, id));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status404NotFound, typeof(ProblemDetails));
}

/// <summary>409: the request clashes with the current state, a duplicate or an invalid transition (as <see cref="ConflictException"/>).</summary>
public sealed class ConflictProblem(string message) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status409Conflict;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new ConflictException(message));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status409Conflict, typeof(ProblemDetails));
}

/// <summary>412: the If-Match ETag is not the current version any more (as <see cref="PreconditionFailedException"/>).</summary>
public sealed class PreconditionFailedProblem : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status412PreconditionFailed;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new PreconditionFailedException());

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status412PreconditionFailed, typeof(ProblemDetails));
}

/// <summary>422: well-formed input that refers to something that cannot be used (as <see cref="UnprocessableException"/>).</summary>
public sealed class UnprocessableProblem(IReadOnlyDictionary<string, string[]> errors, string? detail = null) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public UnprocessableProblem(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }

    public int StatusCode => StatusCodes.Status422UnprocessableEntity;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new UnprocessableException(errors, detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails));
}

/// <summary>428: an update came without If-Match (as <see cref="PreconditionRequiredException"/>).</summary>
public sealed class PreconditionRequiredProblem : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => StatusCodes.Status428PreconditionRequired;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemResult.WriteAsync(httpContext, new PreconditionRequiredException());

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemResult.Document(builder, StatusCodes.Status428PreconditionRequired, typeof(ProblemDetails));
}

/// <summary>What the problem results share: how one is written and how one is documented.</summary>
public static class ProblemResult
{
    public const string ContentType = "application/problem+json";

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
