using System.Globalization;
using System.Text;

namespace CooperationPlatform.Directory.Model;

/// <summary>
/// The one folding used for stored search text, natural keys and queries: lower case, no diacritics ("Coopération" finds
/// "cooperation"), runs of white space as one space. Scripts without case or marks (Chinese) pass through unchanged.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = folded.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                folded.Append(' ');
                pendingSpace = false;
            }
            folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string Join(params IEnumerable<string?>[] parts) =>
        Fold(string.Join(' ', parts.SelectMany(p => p).Where(p => !string.IsNullOrWhiteSpace(p))));
}
