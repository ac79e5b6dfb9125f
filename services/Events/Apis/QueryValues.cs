using CooperationPlatform.Contracts.Model;
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
        return EnumCodes<TEnum>.TryParse(value, out var parsed)
            ? parsed
            : throw new RequestValidationException(parameter, $"'{value}' is not one of: {EnumCodes<TEnum>.List}.");
    }
}
