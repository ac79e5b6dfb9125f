using CooperationPlatform.Testing;

[assembly: AssemblyFixture(typeof(PlatformFixture))]
