using System.Diagnostics;

namespace CooperationPlatform.Testing;

/// <summary>Waits for what a system does asynchronously (a message consumed, a projection updated) without fixed sleeps.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> when <paramref name="timeout"/> passes first.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        ReturnsAsync(condition, held => held, what, timeout: timeout, interval: interval);

    /// <summary>Polls <paramref name="find"/> until it finds something, and returns that.</summary>
    public static async Task<T> FindsAsync<T>(Func<Task<T?>> find, string what, TimeSpan? timeout = null, TimeSpan? interval = null) where T : class =>
        (await ReturnsAsync(find, found => found is not null, what, timeout: timeout, interval: interval))!;

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="accepted"/> holds for what it returns, and returns that. A timeout fails
    /// naming <paramref name="what"/> was awaited and, through <paramref name="describe"/>, what the probe returned last.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accepted, string what, Func<T, string>? describe = null,
        TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var value = await probe();
            if (accepted(value))
            {
                return value;
            }
            if (clock.Elapsed > limit)
            {
                var last = describe is null ? "" : $" ({describe(value)})";
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting until {what}{last}.");
            }
            await Task.Delay(interval ?? DefaultInterval, TestContext.Current.CancellationToken);
        }
    }
}
