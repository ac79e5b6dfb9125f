using CooperationPlatform.Architecture.Tests.Samples.Apis;
using CooperationPlatform.Architecture.Tests.Samples.Infrastructure;

namespace CooperationPlatform.Architecture.Tests.Samples.Model;

/// <summary>A domain type that breaks the layering on purpose, so the layering rule can be seen to catch it.</summary>
public sealed class SampleEntity
{
    public required string Title { get; init; }

    public static SampleEntity From(SampleRequest request) => new() { Title = request.Title };

    public void SaveTo(SampleStore store) => ArgumentNullException.ThrowIfNull(store);
}
