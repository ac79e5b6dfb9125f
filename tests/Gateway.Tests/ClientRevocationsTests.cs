using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CooperationPlatform.Gateway.Tests;

/// <summary>The revocation list against a real Redis, as a gateway that revokes and service instances that check.</summary>
public sealed class ClientRevocationsTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);

    private ClientRevocations NewInstance(TimeProvider? clock = null) =>
        new(_redis, clock ?? TimeProvider.System, NullLogger<ClientRevocations>.Instance);

    private static string NewClientId() => $"client-{Guid.NewGuid():N}";

    [Fact]
    public async Task Tokens_issued_up_to_the_second_of_the_revocation_are_revoked_and_later_ones_are_not()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_400));
        var revocations = NewInstance(clock);
        var clientId = NewClientId();

        await revocations.RevokeAsync(clientId);

        Assert.True(await revocations.IsRevokedAsync(clientId, 1_799_999_000));
        Assert.True(await revocations.IsRevokedAsync(clientId, 1_800_000_000));
        Assert.False(await revocations.IsRevokedAsync(clientId, 1_800_000_001));
        Assert.False(await revocations.IsRevokedAsync(NewClientId(), 1_799_999_000));
    }

    [Fact]
    public async Task Another_instance_that_has_already_loaded_the_list_learns_of_a_revocation_at_once()
    {
        var gateway = NewInstance();
        var service = NewInstance();
        var clientId = NewClientId();
        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;
        Assert.False(await service.IsRevokedAsync(clientId, issuedAt));

        await gateway.RevokeAsync(clientId);

        // Well within the 5 s reload: only the pub/sub message can have told it.
        await Eventually.HoldsAsync(async () => await service.IsRevokedAsync(clientId, issuedAt), "the other instance knows of the revocation",
            TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task An_instance_started_after_a_revocation_refuses_the_clients_earlier_tokens_from_its_first_check()
    {
        var clientId = NewClientId();
        await NewInstance().RevokeAsync(clientId);

        var started = NewInstance();

        Assert.True(await started.IsRevokedAsync(clientId, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));
    }

    [Fact]
    public async Task A_validated_token_is_placed_by_its_client_id_and_issue_time_claims()
    {
        var revocations = NewInstance();
        var revoked = NewClientId();
        await revocations.RevokeAsync(revoked);
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-1);

        Assert.True(await revocations.IsRevokedAsync(Principal(revoked, "iat", earlier.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
        Assert.True(await revocations.IsRevokedAsync(Principal(revoked, "oi_crt_dt", earlier.ToString("r", CultureInfo.InvariantCulture))));
        Assert.False(await revocations.IsRevokedAsync(Principal(revoked, "iat", earlier.AddMinutes(2).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
        Assert.False(await revocations.IsRevokedAsync(Principal(NewClientId(), "iat", earlier.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// What the check adds to every authenticated request, measured: the list is in memory, so it is a dictionary lookup. The bound
    /// is loose (a shared two-core machine); the measured figure is printed for docs/security.md.
    /// </summary>
    [Fact]
    public async Task Checking_a_token_against_the_revocation_list_costs_about_a_dictionary_lookup()
    {
        var revocations = NewInstance();
        for (var i = 0; i < 1000; i++)
        {
            await revocations.RevokeAsync(NewClientId());
        }
        var principal = Principal(NewClientId(), "iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        const int Checks = 1_000_000;
        for (var i = 0; i < 10_000; i++)
        {
            await revocations.IsRevokedAsync(principal);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Checks; i++)
        {
            await revocations.IsRevokedAsync(principal);
        }
        clock.Stop();

        var perCheck = clock.Elapsed.TotalNanoseconds / Checks;
        TestContext.Current.TestOutputHelper?.WriteLine($"Revocation check: {perCheck:0} ns per authenticated request ({Checks} checks, 1,000 revoked clients).");
        Assert.True(perCheck < 5_000, $"{perCheck:0} ns per check");
    }

    private static ClaimsPrincipal Principal(string clientId, string issuedAtClaim, string issuedAt) => new(new ClaimsIdentity(
        [new Claim("client_id", clientId), new Claim(issuedAtClaim, issuedAt)], "Bearer"));

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();
}
