using System.Text.Json;

namespace CooperationPlatform.Events.Model;

public static class Kebab
{
    /// <summary>An enum value as the API spells it ("open-for-registration"), for messages to people.</summary>
    public static string ToKebab<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
