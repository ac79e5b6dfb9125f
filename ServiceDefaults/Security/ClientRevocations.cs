using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CooperationPlatform.ServiceDefaults.Security;

/// <summary>
/// Partner clients whose tokens stop being valid at once: a deleted client, or one whose secret was rotated. The list is a Redis
/// hash (client id → Unix milliseconds of the revocation), shared by the gateway, which writes it, and every service, which checks
/// it on every authenticated request. Each instance keeps the whole list in memory, so a check costs a dictionary lookup: it is
/// told of a revocation by Redis pub/sub within milliseconds, and reloads the list every <see cref="RefreshInterval"/> in case a
/// message was lost (Redis restarted, a connection dropped). A token is revoked when it was issued in or before the second of its
/// client's revocation (JWT <c>iat</c> has whole seconds); the token endpoint makes a new token wait for the next second.
/// Without Redis the list is empty and tokens pass: as with the rate limits, availability over accounting, and the health
/// check says Redis is down.
/// </summary>
public sealed class ClientRevocations(IConnectionMultiplexer? redis, TimeProvider clock, ILogger<ClientRevocations> logger)
{
    public const string Key = "platform:revoked-clients";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly RedisChannel Channel = RedisChannel.Literal(Key);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _writing = new();
    private volatile Snapshot _snapshot = new(FrozenDictionary<string, long>.Empty, long.MinValue);
    private int _subscribed;

    /// <summary>Records that every token issued to <paramref name="clientId"/> until now is revoked, and tells every instance.</summary>
    public async Task RevokeAsync(string clientId)
    {
        var redisNow = redis ?? throw new InvalidOperationException("Revoking tokens needs Redis (ConnectionStrings:cache).");
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var database = redisNow.GetDatabase();
        await database.HashSetAsync(Key, clientId, at);
        await database.PublishAsync(Channel, $"{at}:{clientId}");
        Apply(clientId, at);
    }

    /// <summary>When the client's tokens were last revoked, if ever.</summary>
    public async ValueTask<DateTimeOffset?> RevokedAtAsync(string clientId) =>
        (await CurrentAsync()).Revoked.TryGetValue(clientId, out var at) ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;

    /// <summary>Whether a token issued to <paramref name="clientId"/> at <paramref name="issuedAtSeconds"/> (its <c>iat</c>) is revoked.</summary>
    public async ValueTask<bool> IsRevokedAsync(string clientId, long issuedAtSeconds) =>
        IsRevoked(await CurrentAsync(), clientId, issuedAtSeconds);

    /// <summary>
    /// Whether the validated token behind <paramref name="user"/> belongs to a client revoked since it was issued. Synchronous
    /// unless the list has never been loaded; the issue time is read only for a client that is on the list.
    /// </summary>
    public ValueTask<bool> IsRevokedAsync(ClaimsPrincipal user)
    {
        if (user.GetClientId() is not { } clientId)
        {
            return ValueTask.FromResult(false);
        }
        var current = CurrentAsync();
        return current.IsCompletedSuccessfully
            ? ValueTask.FromResult(IsRevoked(current.Result, clientId, user))
            : AfterLoadAsync(current, clientId, user);

        static async ValueTask<bool> AfterLoadAsync(ValueTask<Snapshot> loading, string clientId, ClaimsPrincipal user) =>
            IsRevoked(await loading, clientId, user);
    }

    private static bool IsRevoked(Snapshot snapshot, string clientId, ClaimsPrincipal user) =>
        // A token without an issue time cannot be placed before or after a revocation: once its client is revoked, it is refused.
        snapshot.Revoked.ContainsKey(clientId) && IsRevoked(snapshot, clientId, IssuedAt(user) ?? long.MinValue);

    private static bool IsRevoked(Snapshot snapshot, string clientId, long issuedAtSeconds) =>
        snapshot.Revoked.TryGetValue(clientId, out var at) && issuedAtSeconds <= Math.DivRem(at, 1000).Quotient;

    private static long? IssuedAt(ClaimsPrincipal principal)
    {
        // JwtBearer keeps the JWT's iat; OpenIddict's validation may keep it only as its own creation-date claim.
        foreach (var value in new[] { principal.FindFirst("iat")?.Value, principal.FindFirst("oi_crt_dt")?.Value })
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                return date.ToUnixTimeSeconds();
            }
        }
        return null;
    }

    private ValueTask<Snapshot> CurrentAsync()
    {
        var snapshot = _snapshot;
        var now = clock.GetTimestamp();
        if (redis is null || (snapshot.LoadedAt != long.MinValue && clock.GetElapsedTime(snapshot.LoadedAt, now) < RefreshInterval))
        {
            return ValueTask.FromResult(snapshot);
        }
        if (snapshot.LoadedAt != long.MinValue)
        {
            // Stale but loaded: answer from it and reload in the background, so no request waits on Redis.
            _ = LoadAsync(snapshot);
            return ValueTask.FromResult(snapshot);
        }
        // Never loaded (the first request after start): wait, or a revoked token would pass until the first reload.
        return new ValueTask<Snapshot>(LoadAsync(snapshot));
    }

    private async Task<Snapshot> LoadAsync(Snapshot seen)
    {
        if (!await _loading.WaitAsync(seen.LoadedAt == long.MinValue ? Timeout.InfiniteTimeSpan : TimeSpan.Zero))
        {
            return _snapshot;
        }
        try
        {
            if (_snapshot.LoadedAt != seen.LoadedAt)
            {
                return _snapshot;
            }
            await SubscribeAsync();
            var entries = await redis!.GetDatabase().HashGetAllAsync(Key);
            lock (_writing)
            {
                // A revocation published while the list was read is already in the current snapshot: keep it.
                var revoked = entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
                foreach (var (clientId, at) in _snapshot.Revoked)
                {
                    if (!revoked.TryGetValue(clientId, out var stored) || stored < at)
                    {
                        revoked[clientId] = at;
                    }
                }
                _snapshot = new Snapshot(revoked.ToFrozenDictionary(StringComparer.Ordinal), clock.GetTimestamp());
                return _snapshot;
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "The token revocation list could not be loaded: Redis is not reachable");
            // Try again after the refresh interval rather than on every request.
            lock (_writing)
            {
                _snapshot = _snapshot with { LoadedAt = clock.GetTimestamp() };
                return _snapshot;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task SubscribeAsync()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }
        try
        {
            await redis!.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
            {
                var text = message.ToString();
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var at))
                {
                    Apply(text[(colon + 1)..], at);
                }
            });
            // Messages sent while the connection was down are lost: reload at the next check.
            redis.ConnectionRestored += (_, _) =>
            {
                lock (_writing)
                {
                    _snapshot = _snapshot with { LoadedAt = 0 };
                }
            };
        }
        catch
        {
            Volatile.Write(ref _subscribed, 0);
            throw;
        }
    }

    private void Apply(string clientId, long at)
    {
        lock (_writing)
        {
            var current = _snapshot;
            if (current.Revoked.TryGetValue(clientId, out var known) && known >= at)
            {
                return;
            }
            var revoked = new Dictionary<string, long>(current.Revoked, StringComparer.Ordinal) { [clientId] = at };
            _snapshot = current with { Revoked = revoked.ToFrozenDictionary(StringComparer.Ordinal) };
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, long> Revoked, long LoadedAt);
}
