using System.Reflection;
using System.Text.Json;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace CooperationPlatform.Architecture.Tests;

/// <summary>The rules as functions that return what breaks them, so each test can also show that its rule catches a breach.</summary>
internal static class ArchitectureRules
{
    /// <summary>Types of <c>{root}.Model</c> that use a type of <c>{root}.Apis</c> or <c>{root}.Infrastructure</c>.</summary>
    public static IReadOnlyList<string> ModelTypesThatUseOuterLayers(Assembly assembly, string rootNamespace) =>
        FailingTypes(Types.InAssembly(assembly)
            .That().ResideInNamespace($"{rootNamespace}.Model")
            .ShouldNot().HaveDependencyOnAny($"{rootNamespace}.Apis", $"{rootNamespace}.Infrastructure")
            .GetResult());

    /// <summary>
    /// Types of <c>{root}.Apis</c> whose code (async state machines and lambdas included) saves changes or opens a transaction:
    /// endpoints read through the DbContext, as eShop's do, but every write goes through the application layer.
    /// </summary>
    public static IReadOnlyList<string> ApiTypesThatWrite(Assembly assembly, string rootNamespace)
    {
        string[] writes = ["SaveChanges", "SaveChangesAsync", "BeginTransaction", "BeginTransactionAsync"];
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return [.. module.GetTypes()
            .Where(type => type.FullName.StartsWith($"{rootNamespace}.Apis.", StringComparison.Ordinal))
            .Where(type => type.Methods.Any(method => method.HasBody && method.Body.Instructions.Any(instruction =>
                (instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt)
                && instruction.Operand is MethodReference called && writes.Contains(called.Name))))
            .Select(OutermostType)
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    private static string OutermostType(TypeDefinition type) => type.DeclaringType is null ? type.FullName : OutermostType(type.DeclaringType);

    /// <summary>Types of <paramref name="assembly"/> that use a type of any of <paramref name="namespaces"/>.</summary>
    public static IReadOnlyList<string> TypesThatUse(Assembly assembly, params string[] namespaces) =>
        FailingTypes(Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult());

    /// <summary>The assemblies of ours that <paramref name="assembly"/> references beyond <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> ReferencesOfOursBeyond(Assembly assembly, IReadOnlySet<string> allowed) =>
        [.. assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => PlatformAssemblies.IsOurs(name) && !allowed.Contains(name))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every assembly <paramref name="root"/> loads, directly or through another. The framework's own are listed but not followed:
    /// they reference nothing of ours or of a third party.
    /// </summary>
    public static IReadOnlySet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!seen.Add(reference.Name!) || IsFramework(reference.Name!))
                {
                    continue;
                }
                pending.Enqueue(Assembly.Load(reference));
            }
        }
        return seen;
    }

    /// <summary>The libraries a <c>.deps.json</c> manifest names, as <c>name/version</c>: packages and referenced projects.</summary>
    public static IReadOnlyList<string> LibrariesIn(string depsJsonPath)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(depsJsonPath));
        return [.. manifest.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name)];
    }

    private static bool IsFramework(string assemblyName) =>
        assemblyName is "netstandard" or "mscorlib"
        || assemblyName.StartsWith("System.", StringComparison.Ordinal)
        || assemblyName.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
        || assemblyName.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
        || assemblyName.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);

    private static IReadOnlyList<string> FailingTypes(NetArchTest.Rules.TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];
}
