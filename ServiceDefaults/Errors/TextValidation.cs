namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>
/// The one rule for free text in every service: a required field must hold more than blanks; an optional field that holds only
/// blanks counts as left out (stored as null: a CSV cell or a form sends an empty string for "none"); the length limit applies to
/// the text without its surrounding blanks.
/// </summary>
public static class TextValidation
{
    public static ValidationErrors Text(this ValidationErrors errors, string field, string? value, int maxLength, bool required = false) =>
        string.IsNullOrWhiteSpace(value) ? errors.Require(!required, field, $"{field} is required.")
        : errors.Require(value.Trim().Length <= maxLength, field, $"{field} must be at most {maxLength} characters.");

    /// <summary>An optional text as it is stored: without surrounding blanks, null when nothing is left.</summary>
    public static string? TrimmedOrNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
