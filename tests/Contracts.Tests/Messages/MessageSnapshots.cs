using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CooperationPlatform.Contracts.Messages;

namespace CooperationPlatform.Contracts.Tests.Messages;

/// <summary>
/// The committed JSON of every integration event, and the check that a message's shape only ever grows by accepted additions.
/// Names are as on the wire (camelCase, as MassTransit writes them).
/// </summary>
public static class MessageSnapshots
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";
    private const string UpdateCommand = UpdateVariable + "=1 dotnet test tests/Contracts.Tests";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Directory { get; } = Path.Combine(Path.GetDirectoryName(SourceFile())!, "Snapshots");

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) is "1" or "true";

    /// <summary>Every concrete integration event in the Contracts assembly.</summary>
    public static IEnumerable<Type> MessageTypes() => typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: false, IsClass: true } && type.IsAssignableTo(typeof(IntegrationEvent)))
        .OrderBy(type => type.FullName, StringComparer.Ordinal);

    /// <summary><c>Portfolio.ProjectRegistered</c> for <c>CooperationPlatform.Contracts.Messages.Portfolio.ProjectRegistered</c>.</summary>
    public static string NameOf(Type type) => type.FullName!.Replace(typeof(IntegrationEvent).Namespace + ".", "", StringComparison.Ordinal);

    public static string PathOf(string name) => Path.Combine(Directory, name + ".json");

    public static string Serialize(Type type) => JsonSerializer.Serialize(MessageSamples.Create(type), type, Json) + Environment.NewLine;

    /// <summary>Null when <paramref name="actual"/> has the shape of <paramref name="expected"/>; otherwise why not, and what to do.</summary>
    public static string? Compare(string name, string expected, string actual)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$", differences);
        return differences.Count == 0 ? null :
            $"The JSON of {name} no longer matches its snapshot:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", differences) +
            $"{Environment.NewLine}Messages are only ever extended (services/Contracts/Messages/README.md): a removed, renamed or retyped field " +
            $"breaks the consumers still running. If you only added fields, accept them with `{UpdateCommand}` and commit the snapshot.";
    }

    /// <summary>Fails unless the message matches its snapshot; with <see cref="UpdateVariable"/> set, writes the snapshot instead.</summary>
    public static void Verify(Type type, bool update)
    {
        var name = NameOf(type);
        var path = PathOf(name);
        var actual = Serialize(type);
        if (update)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
        {
            Assert.Fail($"{name} has no snapshot at {path}. Create it with `{UpdateCommand}`, check it, and commit it with the message.");
        }
        if (Compare(name, File.ReadAllText(path), actual) is { } failure)
        {
            Assert.Fail(failure);
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject before, JsonObject after):
                foreach (var (key, value) in before)
                {
                    if (after.ContainsKey(key))
                    {
                        Compare(value, after[key], $"{path}.{key}", differences);
                    }
                    else
                    {
                        differences.Add($"removed: {path}.{key}");
                    }
                }
                differences.AddRange(after.Where(property => !before.ContainsKey(property.Key)).Select(property => $"added: {path}.{property.Key}"));
                break;
            case (JsonArray before, JsonArray after):
                for (var i = 0; i < Math.Min(before.Count, after.Count); i++)
                {
                    Compare(before[i], after[i], $"{path}[{i}]", differences);
                }
                if (before.Count != after.Count)
                {
                    differences.Add($"changed: {path} has {after.Count} sample items instead of {before.Count}");
                }
                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"changed: {path} was {expected?.ToJsonString() ?? "null"}, is now {actual?.ToJsonString() ?? "null"}");
                }
                break;
        }
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
