using CooperationPlatform.Portal.Tests;

// One stack with the demo data and one browser for every test; the tests run one at a time (two cores drive the whole stack and Chromium).
[assembly: AssemblyFixture(typeof(PortalFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
