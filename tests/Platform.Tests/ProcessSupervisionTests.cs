using CooperationPlatform.AppHost.Hosting;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Platform.Tests;

public sealed class ProcessSupervisionTests(PlatformFixture platform)
{
    /// <summary>A host of its own (one service on the shared servers, in its own database), so that killing it disturbs no other test.</summary>
    [Fact]
    public async Task A_service_that_dies_is_reported_at_once_with_its_last_log_lines()
    {
        var dataDirectory = TestDirectories.Create("supervision");
        var options = TestDirectories.Options(dataDirectory) with
        {
            ExternalConnectionStrings = new Dictionary<string, string>
            {
                ["postgres"] = platform.ConnectionString("postgres"),
                ["cache"] = platform.ConnectionString("cache"),
                ["messaging"] = platform.ConnectionString("messaging"),
            },
        };
        var builder = new PlatformHostBuilder(options);
        var postgres = builder.AddPostgres("postgres", 0);
        var database = postgres.AddDatabase("directorydb", $"directory_{Guid.NewGuid():N}");
        var cache = builder.AddRedis("cache", 0);
        var messaging = builder.AddRabbitMQ("messaging", 0);
        var service = builder.AddProject("directory-api", "services/Directory", 0)
            .WithReference(database).WithReference(cache).WithReference(messaging)
            .WaitFor(database).WaitFor(cache).WaitFor(messaging);
        await using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var reported = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Console.Reported += message =>
        {
            if (message.Contains("directory-api exited unexpectedly", StringComparison.Ordinal))
            {
                reported.TrySetResult(message);
            }
        };

        service.Process!.KillNow();
        var report = await reported.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(ResourceState.Exited, service.State);
        Assert.Contains("Last lines of", report);
        Assert.Contains("directory-api.log", report);
        await host.StopAsync();
        TestDirectories.Delete(dataDirectory);
    }
}
