namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>
/// The ranges every number of every service is held to, so that no value, and no sum of values, overflows a column or a
/// <see cref="decimal"/>. An amount is at most 10^15 in its currency: a million records of that size still sum to 10^21, far
/// below decimal's 7.9×10^28 and within the <c>numeric</c> columns. Percentages are 0 to 100; years 1900 to 2200.
/// </summary>
public static class NumberValidation
{
    public const decimal MaxAmount = 1_000_000_000_000_000m;
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    public static bool IsAmount(decimal value) => value is >= 0 and <= MaxAmount;

    public static ValidationErrors Amount(this ValidationErrors errors, string field, decimal? value) =>
        errors.Require(value is null || IsAmount(value.Value), field, $"{field} must be between 0 and 10^15 ({MaxAmount}).");

    public static ValidationErrors Percentage(this ValidationErrors errors, string field, decimal? value) =>
        errors.Require(value is null or >= 0 and <= 100, field, $"{value} is not a percentage between 0 and 100.");

    public static ValidationErrors Year(this ValidationErrors errors, string field, int? value) =>
        errors.Require(value is null or >= MinYear and <= MaxYear, field, $"{field} must be a year between {MinYear} and {MaxYear}.");
}
