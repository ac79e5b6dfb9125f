using CooperationPlatform.Analytics.Model;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CooperationPlatform.Analytics.Application;

/// <summary>The state tables a view reads; each has a generation number in Redis, raised after every commit that changes it.</summary>
public enum Projection
{
    Projects,
    Institutions,
    Events,
    Registrations,
    Meetings,
}

public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>Prefix of the cache keys and generation counters, so that two deployments (or test hosts) sharing a Redis never mix.</summary>
    public string CacheNamespace { get; set; } = "analytics";
}

/// <summary>
/// Cached views keyed by the generations of the projections they read. A change raises the generation after its commit, so the
/// next read misses and computes from the committed state; an entry being computed from older state concurrently is written under
/// the old key and never read again. The tags free the old entries.
/// </summary>
public sealed class ViewCache(HybridCache cache, IConnectionMultiplexer redis, IOptions<AnalyticsOptions> options)
{
    private static readonly HybridCacheEntryOptions EntryOptions = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(2),
    };

    private static readonly Projection[] AllProjections = Enum.GetValues<Projection>();

    private string Namespace => options.Value.CacheNamespace;

    private RedisKey GenerationKey(Projection projection) => $"{Namespace}:generation:{projection}";

    private string Tag(Projection projection) => $"{Namespace}:{projection}";

    public async Task<T> GetOrComputeAsync<T>(string view, IReadOnlyList<Projection> reads, Func<CancellationToken, ValueTask<T>> compute,
        CancellationToken cancellationToken)
    {
        var generations = await redis.GetDatabase().StringGetAsync([.. reads.Select(GenerationKey)]);
        var stamp = string.Join('.', generations.Select(g => g.IsNull ? "0" : g.ToString()));
        return await cache.GetOrCreateAsync($"{Namespace}:{view}@{stamp}", compute, EntryOptions, reads.Select(Tag), cancellationToken);
    }

    public async Task InvalidateAsync(IReadOnlyCollection<Projection> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }
        var batch = redis.GetDatabase().CreateBatch();
        var increments = changed.Select(p => batch.StringIncrementAsync(GenerationKey(p))).ToArray();
        batch.Execute();
        await Task.WhenAll(increments);
        await cache.RemoveByTagAsync(changed.Select(Tag));
    }

    public Task InvalidateAllAsync() => InvalidateAsync(AllProjections);

    public static Projection Of(Type stateType) => stateType switch
    {
        _ when stateType == typeof(ProjectState) => Projection.Projects,
        _ when stateType == typeof(InstitutionState) => Projection.Institutions,
        _ when stateType == typeof(EventState) => Projection.Events,
        _ when stateType == typeof(RegistrationState) => Projection.Registrations,
        _ when stateType == typeof(MeetingState) => Projection.Meetings,
        _ => throw new ArgumentException($"{stateType.Name} is not a projection state.", nameof(stateType)),
    };
}
