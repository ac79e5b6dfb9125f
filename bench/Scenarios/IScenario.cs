namespace CooperationPlatform.Bench.Scenarios;

/// <summary>One benchmark scenario. Each issue adds its own; <c>Program</c> lists them.</summary>
public interface IScenario
{
    /// <summary>The name given on the command line, e.g. <c>gateway</c>.</summary>
    string Name { get; }
    string Description { get; }

    Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
