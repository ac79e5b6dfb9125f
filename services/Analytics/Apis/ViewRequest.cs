using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Analytics.Apis;

/// <summary>The query every view takes: a year range (both ends included), a status, and <c>format=csv</c> for a CSV export.</summary>
public sealed record ViewRequest(int? FromYear, int? ToYear, string? Status, string? Format)
{
    public bool WantsCsv => string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Checks the range, the format and the status (a value of <typeparamref name="TStatus"/> in kebab case, such as "implementation").</summary>
    public ViewScope Validated<TStatus>() where TStatus : struct, Enum
    {
        var errors = new ValidationErrors()
            .Require(FromYear is null or (>= 1 and <= 9999), "fromYear", "Must be a year from 1 to 9999.")
            .Require(ToYear is null or (>= 1 and <= 9999), "toYear", "Must be a year from 1 to 9999.")
            .Require(FromYear is null || ToYear is null || FromYear <= ToYear, "fromYear", "Must not be after toYear.")
            .Require(Format is null || WantsCsv || Format.Equals("json", StringComparison.OrdinalIgnoreCase), "format", "Must be json or csv.");
        int? status = null;
        if (Status is not null)
        {
            var known = EnumCodes<TStatus>.TryParse(Status, out var parsed);
            errors.Require(known, "status", $"Must be one of: {EnumCodes<TStatus>.List}.");
            status = known ? Convert.ToInt32(parsed, System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        errors.ThrowIfAny();
        return new ViewScope(FromYear, ToYear, status);
    }
}
