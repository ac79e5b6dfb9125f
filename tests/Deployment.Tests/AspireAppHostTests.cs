using System.Text.RegularExpressions;
using CooperationPlatform.AppHost;
using CooperationPlatform.AppHost.Hosting;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Deployment.Tests;

/// <summary>
/// deploy/aspire/apphost.cs cannot be compiled here (no Aspire packages), so its source is read: the same resources,
/// references and waits as <see cref="PlatformTopology"/>, which is declared for real.
/// </summary>
public sealed partial class AspireAppHostTests
{
    [Fact]
    public void The_aspire_apphost_declares_the_same_resources_references_and_waits_as_ours()
    {
        var expected = Ours();
        var actual = Parse(File.ReadAllText(Repository.PathOf("deploy", "aspire", "apphost.cs")));

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, resource) in expected)
        {
            Assert.True(resource.References.SetEquals(actual[name].References),
                $"{name} references [{string.Join(", ", actual[name].References.Order())}], ours [{string.Join(", ", resource.References.Order())}]");
            Assert.True(resource.Waits.SetEquals(actual[name].Waits),
                $"{name} waits for [{string.Join(", ", actual[name].Waits.Order())}], ours [{string.Join(", ", resource.Waits.Order())}]");
        }
    }

    [Fact]
    public void The_comparison_notices_a_missing_reference()
    {
        var source = File.ReadAllText(Repository.PathOf("deploy", "aspire", "apphost.cs"));
        var broken = Parse(source.Replace(".WithReference(directory).WithReference(portfolio).WithReference(events);", ".WithReference(directory).WithReference(portfolio);"));
        Assert.DoesNotContain("events-api", broken["analytics-api"].References);
        Assert.Contains("events-api", Ours()["analytics-api"].References);
    }

    private sealed record Declared(HashSet<string> References, HashSet<string> Waits)
    {
        public Declared() : this([], []) { }
    }

    private static Dictionary<string, Declared> Ours()
    {
        var directory = TestDirectories.Create("aspire-topology");
        try
        {
            var host = PlatformTopology.Declare(TestDirectories.Options(directory), gatewayPort: 0).Build();
            var resources = new Dictionary<string, Declared>();
            foreach (var resource in host.Resources)
            {
                var declared = resources[resource.Name] = new Declared();
                if (resource is PostgresServerResource server)
                {
                    server.Databases.ToList().ForEach(database => resources[database.Name] = new Declared());
                }
                if (resource is ProjectResource project)
                {
                    declared.References.UnionWith(project.ConnectionReferences.Select(reference => reference.Name));
                    declared.References.UnionWith(project.ServiceReferences.Select(reference => reference.Name));
                    declared.Waits.UnionWith(project.WaitsFor.Select(dependency => dependency.Name));
                }
            }
            return resources;
        }
        finally
        {
            TestDirectories.Delete(directory);
        }
    }

    /// <summary>
    /// Reads the AppHost's declarations: <c>var x = ....AddXxx("name")</c>, the <c>Service(name, path, database)</c> helper,
    /// and every statement's <c>WithReference(x)</c> and <c>WaitFor(x)</c>. A wait on a database counts as a wait on its server,
    /// as in our AppHost.
    /// </summary>
    private static Dictionary<string, Declared> Parse(string source)
    {
        var variables = new Dictionary<string, string>();
        var serverOf = new Dictionary<string, string>();
        var resources = new Dictionary<string, Declared>();
        foreach (Match match in Declaration().Matches(source))
        {
            var (variable, owner, method, name) = (match.Groups["var"].Value, match.Groups["owner"].Value, match.Groups["method"].Value, match.Groups["name"].Value);
            if (variable.Length > 0)
            {
                variables[variable] = name;
            }
            if (method == "AddParameter")
            {
                continue;
            }
            resources[name] = new Declared();
            if (method == "AddDatabase")
            {
                serverOf[name] = variables[owner];
            }
        }

        var helper = Helper().Match(source);
        Assert.True(helper.Success, "the Service(name, projectPath, database) helper was not found");
        var helperBody = helper.Groups["body"].Value;
        var rest = source.Replace(helper.Value, "");
        foreach (var statement in rest.Split(';'))
        {
            var subject = Subject().Match(statement);
            if (!subject.Success)
            {
                continue;
            }
            var service = ServiceCall().Match(statement);
            string name;
            if (service.Success)
            {
                name = service.Groups["name"].Value;
                var database = service.Groups["database"].Value;
                resources[name] = new Declared();
                resources[database] = new Declared();
                serverOf[database] = variables[DatabaseOwner().Match(helperBody).Groups["owner"].Value];
                if (subject.Groups["var"].Success)
                {
                    variables[subject.Groups["var"].Value] = name;
                }
                Collect(helperBody, resources[name], variable => variable == "db" ? database : variables[variable]);
            }
            else if (subject.Groups["var"].Success && variables.TryGetValue(subject.Groups["var"].Value, out var declared) && resources.ContainsKey(declared))
            {
                name = declared;
            }
            else if (subject.Groups["target"].Success && variables.TryGetValue(subject.Groups["target"].Value, out var target) && resources.ContainsKey(target))
            {
                name = target;
            }
            else
            {
                continue;
            }
            Collect(service.Success ? statement[(service.Index + service.Length)..] : statement, resources[name], variable => variables[variable]);
        }
        foreach (var resource in resources.Values)
        {
            var waits = resource.Waits.Select(wait => serverOf.GetValueOrDefault(wait, wait)).ToList();
            resource.Waits.Clear();
            resource.Waits.UnionWith(waits);
        }
        return resources;

        static void Collect(string text, Declared resource, Func<string, string> resolve)
        {
            foreach (Match call in Call().Matches(text))
            {
                (call.Groups["method"].Value == "WithReference" ? resource.References : resource.Waits).Add(resolve(call.Groups["arg"].Value));
            }
        }
    }

    [GeneratedRegex(@"(?:var\s+(?<var>\w+)\s*=\s*)?(?<owner>\w+)\.(?<method>AddPostgres|AddRedis|AddRabbitMQ|AddDatabase|AddProject|AddParameter)\(""(?<name>[^""]+)""")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"IResourceBuilder<ProjectResource>\s+Service\([^)]*\)\s*\{(?<body>.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex Helper();

    [GeneratedRegex(@"Service\(""(?<name>[^""]+)"",\s*""[^""]+"",\s*""(?<database>[^""]+)""\)")]
    private static partial Regex ServiceCall();

    [GeneratedRegex(@"var\s+db\s*=\s*(?<owner>\w+)\.AddDatabase")]
    private static partial Regex DatabaseOwner();

    [GeneratedRegex(@"^\s*(?:var\s+(?<var>\w+)\s*=|(?<target>\w+)\s*\.)", RegexOptions.Multiline)]
    private static partial Regex Subject();

    [GeneratedRegex(@"\.(?<method>WithReference|WaitFor)\((?<arg>\w+)\)")]
    private static partial Regex Call();
}
