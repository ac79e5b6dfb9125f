using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

public static class TextValidation
{
    public static ValidationErrors Text(this ValidationErrors errors, string field, string? value, int maxLength, bool required = false) =>
        string.IsNullOrWhiteSpace(value)
            ? errors.Require(!required && value is null, field, required ? $"{field} is required." : $"{field} must not be blank; leave it out instead.")
            : errors.Require(value.Length <= maxLength, field, $"{field} must be at most {maxLength} characters.");
}
