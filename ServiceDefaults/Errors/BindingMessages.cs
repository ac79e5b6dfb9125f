using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>
/// Rewrites what ASP.NET Core and System.Text.Json say about input they could not bind ("Failed to bind parameter "int[] Sdg"",
/// "could not be converted to System.Nullable`1[...]") into which field is wrong and what it expects, in plain words: a client
/// should never read a .NET type name. Used only by <see cref="ProblemMapping"/>.
/// </summary>
internal static partial class BindingMessages
{
    private static readonly ConcurrentDictionary<string, Type?> EnumsByName = new();

    /// <summary>The field and its message for a body that System.Text.Json refused.</summary>
    public static (string Field, string Message) ForJson(JsonException json)
    {
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var message = json.Message;
        if (ConvertedTo().Match(message) is { Success: true } converted)
        {
            return (field, $"{field} must be {Expected(converted.Groups["type"].Value)}.");
        }
        message = PathSuffix().Replace(message, "").Trim();
        return (field, LooksLikeTypeName().IsMatch(message) ? $"{field} does not have the expected type or shape." : message);
    }

    /// <summary>The field and its message for a parameter that minimal APIs could not bind, or null when the message is not one of those.</summary>
    public static (string Field, string Message)? ForParameter(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var field = CamelCase(failed.Groups["name"].Value);
            return (field, $"{field} must be {Expected(failed.Groups["type"].Value)}; '{failed.Groups["value"].Value}' is not.");
        }
        if (RequiredNotProvided().Match(message) is { Success: true } required)
        {
            var field = CamelCase(required.Groups["name"].Value);
            return (field, $"{field} is required: {Expected(required.Groups["type"].Value)}.");
        }
        if (BodyParameter().IsMatch(message))
        {
            return ("body", "The request needs a body in the documented format.");
        }
        return LooksLikeTypeName().IsMatch(message) ? ("request", "A parameter of the request has the wrong type.") : null;
    }

    /// <summary>What a value of the type written in a framework message looks like, in words.</summary>
    private static string Expected(string type)
    {
        type = type.Trim();
        if (Unwrap(type, "Nullable") is { } nullable)
        {
            return Expected(nullable);
        }
        if (type.EndsWith('?'))
        {
            return Expected(type[..^1]);
        }
        if (type.EndsWith("[]", StringComparison.Ordinal))
        {
            return $"a list in which each value is {Expected(type[..^2])}";
        }
        foreach (var list in (string[])["IReadOnlyList", "List", "IList", "IEnumerable", "ICollection", "IReadOnlyCollection", "HashSet", "ISet"])
        {
            if (Unwrap(type, list) is { } item)
            {
                return $"a list in which each value is {Expected(item)}";
            }
        }
        var name = type[(type.LastIndexOf('.') + 1)..];
        return name switch
        {
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" or "byte" or "Byte" or "uint" or "UInt32" or "ulong" or "UInt64" =>
                "a whole number",
            "decimal" or "Decimal" or "double" or "Double" or "float" or "Single" => "a number",
            "bool" or "Boolean" => "true or false",
            "Guid" => "an id such as 3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "DateOnly" => "a date such as 2026-03-31",
            "DateTime" or "DateTimeOffset" => "a date and time such as 2026-03-31T09:00:00Z",
            "TimeOnly" => "a time such as 09:30",
            "TimeSpan" => "a duration such as 01:30:00",
            "string" or "String" => "a JSON string",
            "PartialDate" => "a date such as 2020, 2020-09 or 2020-09-17",
            _ when Enum(type) is { } e => $"one of: {string.Join(", ", System.Enum.GetNames(e).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}",
            _ => "a JSON object as documented",
        };
    }

    /// <summary>The T of "Name`1[T]" or "Name&lt;T&gt;", or null.</summary>
    private static string? Unwrap(string type, string generic)
    {
        var name = type.Contains('`') ? type[..type.IndexOf('`')] : type.Contains('<') ? type[..type.IndexOf('<')] : type;
        if (name != generic && !name.EndsWith("." + generic, StringComparison.Ordinal))
        {
            return null;
        }
        var open = type.IndexOfAny(['[', '<']);
        return open < 0 || type.Length < open + 2 ? null : type[(open + 1)..^1];
    }

    private static Type? Enum(string name) => EnumsByName.GetOrAdd(name, n => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => !a.IsDynamic && a.GetName().Name is { } assembly && !assembly.StartsWith("System", StringComparison.Ordinal)
            && !assembly.StartsWith("Microsoft", StringComparison.Ordinal))
        .SelectMany(a =>
        {
            try
            {
                return a.GetTypes();
            }
            catch (System.Reflection.ReflectionTypeLoadException e)
            {
                return e.Types.OfType<Type>().ToArray();
            }
        })
        .FirstOrDefault(t => t.IsEnum && (t.FullName == n || t.Name == n)));

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.(\s+Path:|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"\s*Path: .*$")]
    private static partial Regex PathSuffix();

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ ]+)" was not provided""")]
    private static partial Regex RequiredNotProvided();

    [GeneratedRegex("""(Implicit body inferred for parameter|Failed to read parameter) "[^"]*" """)]
    private static partial Regex BodyParameter();

    [GeneratedRegex(@"(System|Microsoft|CooperationPlatform)\.[A-Za-z]|`\d|Nullable<")]
    private static partial Regex LooksLikeTypeName();
}
