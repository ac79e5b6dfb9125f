using System.Collections.Frozen;
using System.Text.Json;

namespace CooperationPlatform.Directory.Application;

/// <summary>Enum values as the API spells them everywhere, in JSON and in query strings: kebab-case ("ministry-or-government-agency").</summary>
public static class EnumCodes<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByCode = Enum.GetValues<TEnum>()
        .ToFrozenDictionary(value => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<TEnum, string> CodeOf = ByCode.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    public static IEnumerable<string> Codes => ByCode.Keys;

    public static bool TryParse(string? code, out TEnum value) => ByCode.TryGetValue(code ?? "", out value);

    public static string ToCode(TEnum value) => CodeOf[value];
}
