using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace CooperationPlatform.Contracts.Tests.Messages;

/// <summary>
/// Builds an instance of a message with every property set to a value derived from its path (<c>project.title</c>), the same on
/// every run: optional values are present and lists hold one item, so that the snapshot shows the whole shape.
/// </summary>
public static class MessageSamples
{
    private const int MaxDepth = 8;
    private static readonly DateTimeOffset SampleTime = new(2024, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static object Create(Type type) => Value(type, "", 0)
        ?? throw new InvalidOperationException($"No sample can be built for {type}.");

    private static object? Value(Type type, string path, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => path,
            _ when underlying == typeof(Guid) => DeterministicGuid(path),
            _ when underlying == typeof(bool) => true,
            _ when underlying == typeof(DateTimeOffset) => SampleTime,
            _ when underlying == typeof(DateTime) => SampleTime.UtcDateTime,
            _ when underlying == typeof(DateOnly) => DateOnly.FromDateTime(SampleTime.UtcDateTime),
            _ when underlying == typeof(TimeOnly) => TimeOnly.FromDateTime(SampleTime.UtcDateTime),
            _ when underlying == typeof(TimeSpan) => TimeSpan.FromMinutes(90),
            _ when underlying == typeof(decimal) => 12.5m,
            _ when underlying == typeof(double) => 12.5d,
            _ when underlying == typeof(float) => 12.5f,
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().Last(),
            _ when underlying.IsPrimitive => Convert.ChangeType(7, underlying, System.Globalization.CultureInfo.InvariantCulture),
            _ when depth >= MaxDepth => null,
            _ when underlying.IsArray => Collection(underlying, underlying.GetElementType()!, path, depth),
            _ when DictionaryTypes(underlying) is var (key, value) => Dictionary(underlying, key, value, path, depth),
            _ when ElementType(underlying) is { } element => Collection(underlying, element, path, depth),
            _ => Object(underlying, path, depth),
        };
    }

    private static object Object(Type type, string path, int depth)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var instance = constructor is null
            ? RuntimeHelpers.GetUninitializedObject(type)
            : constructor.Invoke([.. constructor.GetParameters().Select(p => Value(p.ParameterType, Child(path, p.Name!), depth + 1))]);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            property.SetValue(instance, Value(property.PropertyType, Child(path, property.Name), depth + 1));
        }
        return instance;
    }

    private static object Collection(Type type, Type element, string path, int depth)
    {
        var items = Array.CreateInstance(element, 1);
        items.SetValue(Value(element, path + "[0]", depth + 1), 0);
        if (type.IsArray || type.IsAssignableFrom(items.GetType()))
        {
            return items;
        }
        var concrete = type.IsInterface
            ? (type.GetGenericTypeDefinition().Name.Contains("Set", StringComparison.Ordinal) ? typeof(HashSet<>) : typeof(List<>)).MakeGenericType(element)
            : type;
        return Activator.CreateInstance(concrete, items)!;
    }

    private static object Dictionary(Type type, Type key, Type value, string path, int depth)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(type.IsInterface ? typeof(Dictionary<,>).MakeGenericType(key, value) : type)!;
        dictionary.Add(Value(key, Child(path, "key"), depth + 1)!, Value(value, path + "[key]", depth + 1));
        return dictionary;
    }

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null : Enumerables(type).Select(e => e.GetGenericArguments()[0]).FirstOrDefault();

    private static (Type Key, Type Value)? DictionaryTypes(Type type) => Enumerables(type)
        .Select(e => e.GetGenericArguments()[0])
        .Where(item => item.IsGenericType && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        .Select(item => ((Type, Type)?)(item.GetGenericArguments()[0], item.GetGenericArguments()[1]))
        .FirstOrDefault();

    private static IEnumerable<Type> Enumerables(Type type) =>
        (type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));

    private static string Child(string path, string name) =>
        path.Length == 0 ? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name) : $"{path}.{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name)}";

    private static Guid DeterministicGuid(string path) => new(MD5.HashData(Encoding.UTF8.GetBytes(path)));
}
