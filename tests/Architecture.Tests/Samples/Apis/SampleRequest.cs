namespace CooperationPlatform.Architecture.Tests.Samples.Apis;

public sealed record SampleRequest(string Title);
