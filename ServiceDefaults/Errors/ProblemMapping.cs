using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>The one place where an exception becomes an RFC 7807 response. Unknown exceptions give a 500 with no internals.</summary>
public static class ProblemMapping
{
    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(StatusCodes.Status400BadRequest, "The request is invalid.", e.Message, e.Errors),
        UnprocessableException e => Validation(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed.", e.Message, e.Errors),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict.", e.Message),
        PreconditionFailedException e => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed.", e.Message),
        PreconditionRequiredException e => Problem(StatusCodes.Status428PreconditionRequired, "Precondition required.", e.Message),
        DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed.",
            new PreconditionFailedException().Message),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } =>
            Problem(StatusCodes.Status409Conflict, "Conflict.", $"A record with the same key already exists ({pg.ConstraintName})."),
        ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden.", e.Message),
        BadHttpRequestException { InnerException: JsonException json } => Json(BindingMessages.ForJson(json)),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } e when BindingMessages.ForParameter(e.Message) is { } error =>
            Validation(StatusCodes.Status400BadRequest, "The request is invalid.", error.Message, new Dictionary<string, string[]> { [error.Field] = [error.Message] }),
        BadHttpRequestException e => Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large." : "Bad request.", e.Message),
        OperationCanceledException => Problem(499, "Client closed request.", "The request was cancelled."),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error has been logged; quote the trace id when reporting it."),
    };

    /// <summary>"$.partners[0].roles" becomes "partners[0].roles", the name a client knows the field by; the message says what it expects.</summary>
    private static HttpValidationProblemDetails Json((string Field, string Message) error) =>
        Validation(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation.", error.Message,
            new Dictionary<string, string[]> { [error.Field] = [error.Message] });

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };

    private static HttpValidationProblemDetails Validation(int status, string title, string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
