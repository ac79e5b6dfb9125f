using System.Globalization;

namespace CooperationPlatform.Portal.Localization;

/// <param name="Code">The <c>?lang=</c> value and the culture's name.</param>
/// <param name="NativeName">How the switcher names it, in the language itself.</param>
public sealed record Language(string Code, string NativeName, UiText Text)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(Code);
}

/// <summary>The interface languages. Adding one: a Text.{code}.cs file and a line here (docs/portal.md).</summary>
public static class Languages
{
    public static readonly Language English = new("en", "English", Texts.English);

    public static readonly IReadOnlyList<Language> All =
    [
        English,
        new("fr", "Français", Texts.French),
        new("es", "Español", Texts.Spanish),
        new("zh", "中文", Texts.Chinese),
    ];

    public static string[] Codes => [.. All.Select(language => language.Code)];

    /// <summary>The language of a culture name ("fr", "fr-CA"), else English.</summary>
    public static Language Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return English;
        }
        return All.FirstOrDefault(l => string.Equals(l.Code, name, StringComparison.OrdinalIgnoreCase))
            ?? All.FirstOrDefault(l => name.StartsWith(l.Code + "-", StringComparison.OrdinalIgnoreCase))
            ?? English;
    }
}
