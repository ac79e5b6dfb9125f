using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// Offset paging over a stable order (every list endpoint sorts by its key last, so pages never overlap or skip).
/// Bind with <c>[AsParameters]</c>: <c>?pageIndex=0&amp;pageSize=20</c>. At most <see cref="MaxPageSize"/> items a page.
/// </summary>
public sealed record PageRequest(int PageIndex = 0, int PageSize = PageRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => PageIndex * PageSize;

    public PageRequest Validated()
    {
        var errors = new ValidationErrors();
        errors.Require(PageIndex >= 0, "pageIndex", "pageIndex must be 0 or more.");
        errors.Require(PageIndex <= 100_000, "pageIndex", "pageIndex must be 100000 or less; narrow the query instead.");
        errors.Require(PageSize is >= 1 and <= MaxPageSize, "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        errors.ThrowIfAny();
        return this;
    }
}

public sealed record Page<T>(int PageIndex, int PageSize, long Count, IReadOnlyList<T> Items);
