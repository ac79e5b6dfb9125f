namespace CooperationPlatform.Architecture.Tests.Samples.Apis;

/// <summary>Saves from an endpoint on purpose, so the layering rule can be seen to catch it.</summary>
public static class SampleEndpoint
{
    public static async Task<int> Create(SampleUnitOfWork work) => await work.SaveChangesAsync(CancellationToken.None);
}

public sealed class SampleUnitOfWork
{
    public Task<int> SaveChangesAsync(CancellationToken cancellationToken) => Task.FromResult(1);
}
