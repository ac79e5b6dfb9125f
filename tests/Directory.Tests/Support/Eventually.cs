using System.Diagnostics;

namespace CooperationPlatform.Directory.Tests.Support;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> when the timeout passes first.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting until {what}.");
            }
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
