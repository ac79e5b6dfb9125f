using System.Text.Json;
using System.Text.Json.Nodes;

namespace CooperationPlatform.AppHost.Demo;

/// <summary>
/// One step of the demo data: <c>create</c> a record (a collection path and a body with a stable id), <c>await</c> a path that
/// another service fills from messages, or bring a record's <c>status</c> to a value (<c>to</c>).
/// </summary>
public sealed record DemoStep(string? Create, JsonObject? Body, string? Await, string? Status, string? To);

/// <summary>A file of the demo data: the source documents it comes from, and its steps in order.</summary>
public sealed record DemoDataFile(string Name, string Source, IReadOnlyList<DemoStep> Steps);

/// <summary>
/// The demo dataset: the institutions, networks, projects and events of the two source documents, as JSON files in
/// <c>AppHost/Demo/Data</c> (embedded), loaded in file-name order: institutions, memberships, projects, events.
/// </summary>
public static class DemoDataSet
{
    private const string Prefix = "DemoData/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static IReadOnlyList<DemoDataFile> Files()
    {
        var assembly = typeof(DemoDataSet).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<FileBody>(stream, Json) ?? throw new DemoDataException($"{name} is empty.");
                return new DemoDataFile(name[Prefix.Length..], file.Source, file.Steps);
            })];
    }

    private sealed record FileBody(string Source, IReadOnlyList<DemoStep> Steps);
}
