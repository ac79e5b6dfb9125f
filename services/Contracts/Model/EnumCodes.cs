using System.Collections.Frozen;
using System.Text.Json;

namespace CooperationPlatform.Contracts.Model;

/// <summary>
/// Enum values as the APIs, the messages, the CSV and IATI files and the error messages spell them: kebab-case
/// ("south-south-with-multilateral-facilitator"), the JSON converter's naming. It lives beside the contracts so that the
/// services' domain models can use it without referencing an API layer.
/// </summary>
public static class EnumCodes<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> CodeOf = Enum.GetValues<TEnum>()
        .ToFrozenDictionary(value => value, value => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()));

    private static readonly FrozenDictionary<string, TEnum> ByCode = CodeOf
        .ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every code, in the enum's declaration order.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Enum.GetValues<TEnum>().Select(value => CodeOf[value])];

    /// <summary>The codes as a sentence lists them: "planned, active, closed".</summary>
    public static string List { get; } = string.Join(", ", Codes);

    /// <summary>A value outside the enum's declared ones (a cast number) is spelled as the JSON converter would write it.</summary>
    public static string ToCode(TEnum value) =>
        CodeOf.TryGetValue(value, out var code) ? code : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>A code, trimmed and in any case; the enum's C# names and numbers are not codes.</summary>
    public static bool TryParse(string? code, out TEnum value) => ByCode.TryGetValue(code?.Trim() ?? "", out value);
}

public static class EnumCodes
{
    public static string ToCode<TEnum>(this TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);
}
