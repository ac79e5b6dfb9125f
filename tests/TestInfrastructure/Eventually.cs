using System.Diagnostics;

namespace CooperationPlatform.Testing;

/// <summary>Waits for what a system does asynchronously (a message consumed, a projection updated) without fixed sleeps.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> when <paramref name="timeout"/> passes first.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting until {what}.");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(25), TestContext.Current.CancellationToken);
        }
    }
}
