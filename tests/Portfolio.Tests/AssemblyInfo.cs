using CooperationPlatform.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]
