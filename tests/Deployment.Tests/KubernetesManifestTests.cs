using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CooperationPlatform.Deployment.Tests;

/// <summary>Renders every kustomize overlay offline (<c>kubectl kustomize</c>) and checks what operations rely on, per Deployment.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string[] Deployables = ["directory-api", "portfolio-api", "events-api", "analytics-api", "gateway"];

    public static TheoryData<string> Overlays => new(System.IO.Directory.GetDirectories(Repository.PathOf("deploy", "k8s", "overlays")).Select(System.IO.Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_deployable_has_a_deployment_with_probes_limits_and_a_non_root_user(string overlay)
    {
        var documents = await RenderAsync(overlay);
        var deployments = OfKind(documents, "Deployment");
        Assert.Equal(Deployables.Order(), deployments.Select(Name).Order());
        foreach (var deployment in deployments)
        {
            var pod = Path(deployment, "spec", "template", "spec");
            var container = Assert.Single(((YamlSequenceNode)pod["containers"]).Children.Cast<YamlMappingNode>());
            Assert.Equal("/alive", Scalar(container, "livenessProbe", "httpGet", "path"));
            Assert.Equal("/health", Scalar(container, "readinessProbe", "httpGet", "path"));
            foreach (var kind in new[] { "requests", "limits" })
            {
                Assert.False(string.IsNullOrEmpty(Scalar(container, "resources", kind, "cpu")), $"{Name(deployment)}: no {kind}.cpu");
                Assert.False(string.IsNullOrEmpty(Scalar(container, "resources", kind, "memory")), $"{Name(deployment)}: no {kind}.memory");
            }
            Assert.Equal("true", Scalar(pod, "securityContext", "runAsNonRoot"));
            var envFrom = ((YamlSequenceNode)container["envFrom"]).Children.Cast<YamlMappingNode>().ToList();
            Assert.Contains(envFrom, source => source.Children.ContainsKey("secretRef") && Scalar(source, "secretRef", "name") == $"{Name(deployment)}-secrets");
            Assert.Contains(envFrom, source => source.Children.ContainsKey("configMapRef"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Only_the_gateway_accepts_traffic_from_outside_the_platform(string overlay)
    {
        var documents = await RenderAsync(overlay);
        var policies = OfKind(documents, "NetworkPolicy");
        var defaultDeny = Assert.Single(policies, policy => Name(policy) == "default-deny-ingress");
        Assert.Empty(((YamlMappingNode)Path(defaultDeny, "spec")["podSelector"]).Children);
        Assert.False(Path(defaultDeny, "spec").Children.ContainsKey("ingress"));

        foreach (var deployment in OfKind(documents, "Deployment"))
        {
            var app = Scalar(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/name");
            var own = Assert.Single(policies, policy => Scalar(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name") == app);
            var rules = ((YamlSequenceNode)Path(own, "spec")["ingress"]).Children.Cast<YamlMappingNode>().ToList();
            var open = rules.Any(rule => !rule.Children.ContainsKey("from"));
            if (Name(deployment) == "gateway")
            {
                Assert.True(open, "the gateway must accept traffic from outside");
            }
            else
            {
                Assert.False(open, $"{Name(deployment)} must accept traffic only from named pods");
                var callers = rules.SelectMany(rule => ((YamlSequenceNode)rule["from"]).Children.Cast<YamlMappingNode>())
                    .Select(from => Scalar(from, "podSelector", "matchLabels", "app.kubernetes.io/name")).ToList();
                Assert.Contains("gateway", callers);
                Assert.All(callers, caller => Assert.Contains(caller, Deployables));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_deployable_has_a_disruption_budget_an_autoscaler_and_a_migration_job(string overlay)
    {
        var documents = await RenderAsync(overlay);
        foreach (var name in Deployables)
        {
            Assert.Single(OfKind(documents, "PodDisruptionBudget"), budget => Name(budget) == name);
            var autoscaler = Assert.Single(OfKind(documents, "HorizontalPodAutoscaler"), hpa => Name(hpa) == name);
            Assert.Equal(name, Scalar(autoscaler, "spec", "scaleTargetRef", "name"));
            var job = Assert.Single(OfKind(documents, "Job"), job => Name(job) == $"{name}-migrate");
            var container = ((YamlSequenceNode)Path(job, "spec", "template", "spec")["containers"]).Children.Cast<YamlMappingNode>().Single();
            var env = ((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>();
            Assert.Contains(env, variable => Scalar(variable, "name") == "Database__MigrateOnly" && Scalar(variable, "value") == "true");
            var image = Scalar(container, "image");
            var deploymentImage = Scalar(((YamlSequenceNode)Path(OfKind(documents, "Deployment").Single(d => Name(d) == name), "spec", "template", "spec")["containers"])
                .Children.Cast<YamlMappingNode>().Single(), "image");
            Assert.Equal(deploymentImage, image);
        }
        // The stateful servers are external: addresses only, never StatefulSets.
        Assert.Empty(OfKind(documents, "StatefulSet"));
        Assert.Equal(["cache", "messaging", "postgres"], OfKind(documents, "Service").Where(s => Scalar(s, "spec", "type") == "ExternalName").Select(Name).Order());
    }

    private static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string overlay)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/kubectl") || File.Exists("/usr/local/bin/kubectl"), "kubectl is not installed (Debian: kubernetes-client)");
        var start = new ProcessStartInfo("kubectl", ["kustomize", Repository.PathOf("deploy", "k8s", "overlays", overlay)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} failed: {error}");
        var stream = new YamlStream();
        stream.Load(new StringReader(await output));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static List<YamlMappingNode> OfKind(IEnumerable<YamlMappingNode> documents, string kind) =>
        [.. documents.Where(document => Scalar(document, "kind") == kind)];

    private static string Name(YamlMappingNode document) => Scalar(document, "metadata", "name")!;

    private static YamlMappingNode Path(YamlMappingNode node, params string[] keys) =>
        keys.Aggregate(node, (current, key) => (YamlMappingNode)current[key]);

    private static string? Scalar(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }
            current = next;
        }
        return (current as YamlScalarNode)?.Value;
    }
}
