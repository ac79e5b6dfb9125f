using System.Collections.Concurrent;
using System.Text.Json;

namespace CooperationPlatform.Portfolio.Model;

/// <summary>Enum values as the API writes them ("south-south-with-multilateral-facilitator"), for messages, CSV and errors.</summary>
public static class Codes
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Code<TEnum>(this TEnum value) where TEnum : struct, Enum =>
        Cache.GetOrAdd(value, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string List<TEnum>() where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(v => v.Code()));
}
