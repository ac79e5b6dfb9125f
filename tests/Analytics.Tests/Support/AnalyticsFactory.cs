using CooperationPlatform.Analytics.Infrastructure;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Analytics.Tests.Support;

/// <summary>
/// The analytics service with a cache namespace of its own. Tests publish the source services' contract messages on the real
/// broker and wait until the service has consumed them.
/// </summary>
public sealed class AnalyticsFactory : ServiceFactory<Program, AnalyticsDbContext>
{
    public const string Root = "/api/analytics/v1";
    private static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);
    private readonly ConsumedMessages _consumed = new();

    public AnalyticsFactory(InfrastructureFixture infrastructure) : base(infrastructure, "analytics")
    {
        Settings["Analytics:CacheNamespace"] = ServiceName;
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.GetRequiredService<IBus>().ConnectConsumeObserver(_consumed);
        await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
    }

    /// <summary>Reads a view (a full path) as an anonymous client; the view must answer 200.</summary>
    public async Task<T> GetAsync<T>(string path)
    {
        using var client = Client();
        return await client.GetAsync<T>(path);
    }

    /// <summary>Publishes the messages on the broker (in order) and returns once the service has consumed every one of them.</summary>
    public async Task PublishAsync(params IntegrationEvent[] messages)
    {
        var expected = messages.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.Count() + _consumed.Count(g.Key));
        var bus = Services.GetRequiredService<IBus>();
        foreach (var message in messages)
        {
            await bus.Publish(message, message.GetType(), TestContext.Current.CancellationToken);
        }
        await Eventually.HoldsAsync(() => Task.FromResult(expected.All(e => _consumed.Count(e.Key) >= e.Value)),
            $"the service has consumed the {messages.Length} message(s)", ConsumeTimeout);
    }

    public Task WaitConsumedAsync(Guid messageId, int times = 1) => _consumed.WaitForAsync(messageId, times, ConsumeTimeout);
}
