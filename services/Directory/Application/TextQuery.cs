using System.Text;
using CooperationPlatform.Directory.Model;

namespace CooperationPlatform.Directory.Application;

/// <summary>
/// A client's free text, folded like the stored text and cut into words: as a prefix full-text query (<c>solar:* &amp; energy:*</c>)
/// and as substring patterns the trigram indexes answer. Institutions use the full-text query, and the whole text as a substring
/// too when it is in a script written without spaces between words (Chinese, Japanese, Thai); offers and needs use the words as
/// substrings.
/// </summary>
public sealed record TextQuery(string Folded, IReadOnlyList<string> Words)
{
    public const int MaxLength = 200;

    public string? FullText => Words.Count > 0 ? string.Join(" & ", Words.Select(word => word + ":*")) : null;

    /// <summary>The whole text as a LIKE pattern, when words alone would miss (no word characters, or no spaces between words).</summary>
    public string? Substring => Words.Count == 0 || Folded.Any(IsWrittenWithoutSpaces) ? LikePattern(Folded) : null;

    public IEnumerable<string> WordPatterns => Words.Count > 0 ? Words.Select(LikePattern) : [LikePattern(Folded)];

    public static TextQuery? Parse(string? text)
    {
        var folded = SearchText.Fold(text);
        if (folded.Length == 0)
        {
            return null;
        }
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in folded.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        return new TextQuery(folded, words);
    }

    private static bool IsWrittenWithoutSpaces(char c) => c is >= '\u0E00' and <= '\u0EFF' or >= '\u1000' and <= '\u109F' or >= '\u2E80';

    private static string LikePattern(string value) => "%" + value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
