using CooperationPlatform.AppHost.LocalServers;

namespace CooperationPlatform.Testing;

/// <summary>
/// A RabbitMQ broker of a test's own (the AppHost's, with <c>--servers-only</c>) that can be stopped and started again on the same
/// port and data folder with the dashboard's commands, so that clients see an outage and then the same broker come back.
/// </summary>
public sealed class RestartableRabbitMq : IAsyncDisposable
{
    private const string ResourceName = "messaging";
    private AppHostStack? _stack;

    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        if (_stack is null)
        {
            _stack = await AppHostStack.StartAsync("broker", ["--servers-only"]);
            ConnectionString = await _stack.ConnectionStringAsync(ResourceName);
            return;
        }
        await _stack.CommandAsync(ResourceName, "resource-start");
        // The health the dashboard shows may still be the one from before the stop: ask the broker itself.
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await ServerProbes.RabbitMqAsync(ConnectionString, TestContext.Current.CancellationToken);
                return true;
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
            {
                return false;
            }
        }, "the broker accepts AMQP connections again", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100));
    }

    public Task StopAsync() => _stack is null ? Task.CompletedTask : _stack.CommandAsync(ResourceName, "resource-stop");

    public async ValueTask DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
