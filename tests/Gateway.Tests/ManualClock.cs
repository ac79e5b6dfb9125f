namespace CooperationPlatform.Gateway.Tests;

/// <summary>A clock the test moves, for windows and expiries.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
