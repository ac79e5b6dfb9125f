using CooperationPlatform.Portfolio.Infrastructure;

namespace CooperationPlatform.Architecture.Tests.Samples.Infrastructure;

/// <summary>Uses another service's type on purpose, so the service rules can be seen to catch it.</summary>
public sealed class SampleStore(PortfolioDbContext otherServicesDatabase)
{
    public PortfolioDbContext Database { get; } = otherServicesDatabase;
}
