using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Containers;
using CooperationPlatform.AppHost.Demo;
using CooperationPlatform.AppHost.Hosting;

var repositoryRoot = PlatformHostOptions.FindRepositoryRoot();
var options = new PlatformHostOptions
{
    RepositoryRoot = repositoryRoot,
    DataDirectory = Path.Combine(repositoryRoot, ".data"),
    Fresh = args.Contains("--fresh"),
    // Container mode runs the images built by eng/containers/build-images.sh: nothing to build here.
    UseContainers = args.Contains("--containers"),
    SkipBuild = args.Contains("--containers"),
    ExternalConnectionStrings = PlatformHostOptions.ConnectionStringsFromEnvironment("postgres", "cache", "messaging"),
    ServiceEnvironment = new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS" }
        .Where(key => Environment.GetEnvironmentVariable(key) is { Length: > 0 })
        .ToDictionary(key => key, key => Environment.GetEnvironmentVariable(key)!),
};
var gatewayPort = int.TryParse(Environment.GetEnvironmentVariable("GATEWAY_PORT"), out var port) ? port : PlatformTopology.GatewayPort;
if (args.FirstOrDefault() == "demo")
{
    return await DemoCommand.RunAsync(args[1..], options, gatewayPort);
}

await using var host = PlatformTopology.Declare(options, gatewayPort).Build();
if (options.UseContainers && !ContainerRuntime.ImagesExist(ContainerRuntime.RequiredImages(options, host.Resources), out var missing))
{
    host.Console.Report($"Container mode needs podman and the platform's images: {missing}.", ConsoleColor.Red);
    return 1;
}
return await host.RunAsync(started =>
{
    var secrets = PlatformSecrets.LoadOrCreate(options.DataDirectory);
    var gateway = started.Get<ProjectResource>("gateway").Url!.ToString().TrimEnd('/');
    started.Console.Report($"  Development client (every scope): {PlatformSecrets.DevelopmentClientId} / {secrets.DevelopmentClientSecret}", ConsoleColor.Green);
    started.Console.Report($"  Get a token:  curl -s -u {PlatformSecrets.DevelopmentClientId}:{secrets.DevelopmentClientSecret} -d grant_type=client_credentials {gateway}{GatewayTokens.Path}");
    started.Console.Report("");
    if (!args.Contains("--no-demo"))
    {
        DemoCommand.LoadOnFirstRun(started, options);
    }
});
