using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Apis;

public static class QueryValues
{
    /// <summary>
    /// An enum from the query string, spelled as in the JSON bodies ("annual-meeting"); minimal APIs would only take "AnnualMeeting".
    /// An unknown value is a 400 naming the parameter.
    /// </summary>
    public static TEnum? Enum<TEnum>(string? value, string parameter) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<TEnum>(JsonSerializer.Serialize(value.Trim()), ApiDefaults.JsonOptions);
        }
        catch (JsonException)
        {
            var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => JsonSerializer.Serialize(v, ApiDefaults.JsonOptions).Trim('"')));
            throw new RequestValidationException(parameter, $"'{value}' is not one of: {allowed}.");
        }
    }
}
