using CooperationPlatform.Testing;

[assembly: AssemblyFixture(typeof(InfrastructureFixture))]

// Every test host subscribes to the same message exchanges of the assembly's broker; one class at a time keeps each host's
// projections to the messages its own tests publish.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
