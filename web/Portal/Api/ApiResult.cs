using System.Diagnostics.CodeAnalysis;

namespace CooperationPlatform.Portal.Api;

public enum ApiOutcome
{
    Ok,

    /// <summary>The API answered 404: an unknown id. A page renders its 404.</summary>
    NotFound,

    /// <summary>The service behind the gateway is down, too slow, or answered something else: the page says what is unavailable.</summary>
    Unavailable,
}

/// <summary>What one call to the public API gave. Pages never see an exception or a status code of the API, only this.</summary>
public sealed record ApiResult<T>(ApiOutcome Outcome, T? Value) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsOk => Outcome == ApiOutcome.Ok && Value is not null;

    public bool IsNotFound => Outcome == ApiOutcome.NotFound;

    public bool IsUnavailable => Outcome == ApiOutcome.Unavailable;

    public static ApiResult<T> Ok(T value) => new(ApiOutcome.Ok, value);

    public static readonly ApiResult<T> NotFound = new(ApiOutcome.NotFound, null);

    public static readonly ApiResult<T> Unavailable = new(ApiOutcome.Unavailable, null);

    /// <summary>The value, or <paramref name="fallback"/> when the call did not give one.</summary>
    public T ValueOr(T fallback) => IsOk ? Value : fallback;
}
