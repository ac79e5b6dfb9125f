namespace CooperationPlatform.AppHost.Hosting;

public static class Readiness
{
    /// <summary>Polls <paramref name="probe"/> until it succeeds; fails at once if the process it waits for has died.</summary>
    public static async Task PollAsync(string name, ManagedProcess? process, Func<Task> probe, CancellationToken cancellationToken)
    {
        Exception? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException(
                    $"{name} exited while starting. Last lines of {process.LogPath}:{Environment.NewLine}{string.Join(Environment.NewLine, process.Tail())}");
            }
            try
            {
                await probe();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"{name} did not become ready: {last?.Message}");
    }
}
