namespace CooperationPlatform.Portfolio.Tests.Iati;

/// <summary>
/// Tests that measure the process's managed memory run alone, after the other classes: the service runs in the test process,
/// so another class's requests (the fuzz tests send hundreds) would count as the import's memory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "Memory measured";
}
