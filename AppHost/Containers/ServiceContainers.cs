using System.Text.RegularExpressions;
using CooperationPlatform.AppHost.Hosting;

namespace CooperationPlatform.AppHost.Containers;

/// <summary>
/// A service of the solution as a container of its image, with the environment of process mode translated to the network:
/// connection strings and service URLs name resources instead of 127.0.0.1 ports, and the service listens on <see cref="ContainerRuntime.ServicePort"/>.
/// </summary>
public static partial class ServiceContainers
{
    [GeneratedRegex(@"http://127\.0\.0\.1:(?<port>\d+)(?!\d)")]
    private static partial Regex HostUrlPattern();

    private static readonly Regex HostUrl = HostUrlPattern();

    public static Task<ManagedProcess> StartAsync(ProjectResource project, IReadOnlyDictionary<string, string?> environment, HostContext context,
        CancellationToken cancellationToken)
    {
        var translated = Translate(project, environment, context);
        return ContainerRuntime.RunAsync(context, project.Name, ContainerRuntime.ServiceImage(context, project.Name), translated,
            [(project.AssignUrl(context).Port, ContainerRuntime.ServicePort)], cancellationToken: cancellationToken);
    }

    public static Dictionary<string, string?> Translate(ProjectResource project, IReadOnlyDictionary<string, string?> environment, HostContext context)
    {
        // Every service's host address (http://127.0.0.1:port) and its address on the network (http://name:8080).
        var addresses = context.Resources.OfType<ProjectResource>()
            .ToDictionary(service => service.AssignUrl(context).Port, service => $"http://{service.Name}:{ContainerRuntime.ServicePort}");
        var translated = environment.ToDictionary(
            pair => pair.Key,
            pair => pair.Value is null ? null : HostUrl.Replace(pair.Value, match =>
                addresses.TryGetValue(int.Parse(match.Groups["port"].Value), out var network) ? network : match.Value));
        translated["ASPNETCORE_URLS"] = $"http://+:{ContainerRuntime.ServicePort}";
        foreach (var reference in project.ConnectionReferences)
        {
            translated[$"ConnectionStrings__{reference.Name}"] = ServerContainers.NetworkConnectionString(reference, context);
        }
        return translated;
    }
}
