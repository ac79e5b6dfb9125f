namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>Input that breaks a rule: 400, with the offending fields named.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public RequestValidationException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }
}

/// <summary>Well-formed input that the domain cannot accept (an unknown reference, say): 422.</summary>
public sealed class UnprocessableException(IReadOnlyDictionary<string, string[]> errors, string? detail = null)
    : Exception(detail ?? "The request refers to something that cannot be used.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public UnprocessableException(string field, string error)
        : this(new Dictionary<string, string[]> { [field] = [error] })
    {
    }
}

public sealed class NotFoundException(string resource, object id)
    : Exception($"{resource} '{id}' was not found.");

/// <summary>The request clashes with the current state (a duplicate, an invalid transition): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The If-Match precondition does not hold any more: 412.</summary>
public sealed class PreconditionFailedException(string message = "The resource has changed since it was read; fetch it again and retry with its current ETag.")
    : Exception(message);

public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>An update came without If-Match: 428, so that no client overwrites a change it has not seen.</summary>
public sealed class PreconditionRequiredException()
    : Exception("Updates must send If-Match with the ETag of the version they change.");
