using System.Text.Json;
using System.Text.RegularExpressions;
using CooperationPlatform.ServiceDefaults.Csv;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>The one place where an exception becomes an RFC 7807 response. Unknown exceptions give a 500 with no internals.</summary>
public static partial class ProblemMapping
{
    public static ProblemDetails ToProblem(Exception exception) => exception switch
    {
        RequestValidationException e => Validation(StatusCodes.Status400BadRequest, "The request is invalid.", e.Message, e.Errors),
        CsvEncodingException e => Validation(StatusCodes.Status400BadRequest, "The request is invalid.", "One or more fields are invalid.",
            new Dictionary<string, string[]> { ["body"] = [e.Message] }),
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
        BadHttpRequestException e => Problem(e.StatusCode, TitleFor(e.StatusCode), WithoutTypeNames(e.Message)),
        OperationCanceledException => Problem(499, "Client closed request.", "The request was cancelled."),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error has been logged; quote the trace id when reporting it."),
    };

    /// <summary>The standard title of a status: "Unsupported Media Type.".</summary>
    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Payload too large.",
        StatusCodes.Status400BadRequest => "Bad request.",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.",
    };

    /// <summary>
    /// The framework's messages name .NET types ("PartnerClientRequest request", "could not be converted to System.Int32"), which
    /// tell a caller about the code, not about its request: the parameter keeps its name, a type becomes "the expected type".
    /// </summary>
    public static string WithoutTypeNames(string message) =>
        QualifiedTypeName().Replace(TypedParameter().Replace(message, "parameter \"$1\""), "the expected type");

    [GeneratedRegex("parameter \"[^\"]* (\\w+)\"")]
    private static partial Regex TypedParameter();

    [GeneratedRegex("\\b(System|Microsoft|CooperationPlatform|OpenIddict|Npgsql|StackExchange|Yarp)(\\.[\\w`+]+)+(\\[[^\\]]*\\])?")]
    private static partial Regex QualifiedTypeName();

    /// <summary>"$.partners[0].roles" becomes "partners[0].roles", the name a client knows the field by; the message says what it expects.</summary>
    private static HttpValidationProblemDetails Json((string Field, string Message) error) =>
        Validation(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation.", error.Message,
            new Dictionary<string, string[]> { [error.Field] = [error.Message] });

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };

    private static HttpValidationProblemDetails Validation(int status, string title, string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status, Title = title, Detail = detail, Type = TypeFor(status) };

    /// <summary>The section of RFC 9110 (or RFC 6585) that defines the status: every problem's <c>type</c>.</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        411 => "https://tools.ietf.org/html/rfc9110#section-15.5.12",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        416 => "https://tools.ietf.org/html/rfc9110#section-15.5.17",
        417 => "https://tools.ietf.org/html/rfc9110#section-15.5.18",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        428 => "https://tools.ietf.org/html/rfc6585#section-3",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        431 => "https://tools.ietf.org/html/rfc6585#section-5",
        501 => "https://tools.ietf.org/html/rfc9110#section-15.6.2",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        504 => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        // 499 (the client went away) is nginx's, defined by no RFC; 500 and anything unknown point at 500.
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
