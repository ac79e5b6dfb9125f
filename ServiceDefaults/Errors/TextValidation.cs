namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>
/// The one rule for free text in every service: a required field must hold more than blanks; an optional field that holds only
/// blanks counts as left out (stored as null: a CSV cell or a form sends an empty string for "none"); the length limit applies to
/// the text without its surrounding blanks. No text holds a control character: PostgreSQL refuses NUL, XML 1.0 (the IATI export)
/// refuses the other C0 characters, and none of them is meant as text. Tab and line breaks are allowed only in multi-line
/// text (descriptions, notes); lone surrogates and the noncharacters U+FFFE and U+FFFF are refused for the same reasons.
/// </summary>
public static class TextValidation
{
    public static ValidationErrors Text(this ValidationErrors errors, string field, string? value, int maxLength, bool required = false,
        bool multiline = false) =>
        string.IsNullOrWhiteSpace(value) ? errors.Require(!required, field, $"{field} is required.")
        : errors.Require(value.Trim().Length <= maxLength, field, $"{field} must be at most {maxLength} characters.")
            .PlainText(field, value, multiline);

    /// <summary>Refuses a control character (or an unpaired surrogate) in the text, naming the field and the character.</summary>
    public static ValidationErrors PlainText(this ValidationErrors errors, string field, string? value, bool multiline = false) =>
        ForbiddenCharacter(value, multiline) is { } bad ? errors.Add(field, Describe(field, bad)) : errors;

    /// <summary>The first character no text may hold (with tab and line breaks allowed when <paramref name="multiline"/>), or null.</summary>
    public static char? ForbiddenCharacter(string? value, bool multiline = false)
    {
        if (value is null)
        {
            return null;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            var allowed = c switch
            {
                '\t' or '\n' or '\r' => multiline,
                '\uFFFE' or '\uFFFF' => false,
                _ => !char.IsControl(c) && !char.IsSurrogate(c),
            };
            if (!allowed)
            {
                return c;
            }
        }
        return null;
    }

    public static string Describe(string field, char c) =>
        $"{field} holds the control character U+{(int)c:X4}; text may not contain control characters{(c is '\t' or '\n' or '\r' ? " (tab and line breaks only in multi-line text)" : "")}.";

    /// <summary>An optional text as it is stored: without surrounding blanks, null when nothing is left.</summary>
    public static string? TrimmedOrNull(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
