using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using CooperationPlatform.AppHost.Services;

namespace CooperationPlatform.AppHost.Operations;

/// <summary>
/// Starts the dashboard once every service and the gateway are healthy, not first. On two cores the start is CPU-bound, and the
/// dashboard's own start took about 3 s from the platform's (measured by switching it off). Console logs of the start are all in
/// the dashboard still (DCP keeps them); structured logs, traces and metrics begin when it is up.
/// </summary>
internal sealed class DashboardAfterPlatform : IDistributedApplicationEventingSubscriber
{
    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        // Subscribed after Aspire's own dashboard handler, which adds the dashboard in the same event.
        eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            if (@event.Model.Resources.SingleOrDefault(resource => resource.Name == PlatformServiceExtensions.DashboardResourceName) is { } dashboard)
            {
                foreach (var service in @event.Model.Resources.OfType<IPlatformService>())
                {
                    dashboard.Annotations.Add(new WaitAnnotation(service, WaitType.WaitUntilHealthy));
                }
            }
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }
}
