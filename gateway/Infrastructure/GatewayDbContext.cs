using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Gateway.Infrastructure;

/// <summary>
/// The gateway's own database (<c>gatewaydb</c>): the registered partner clients, with hashed secrets, in OpenIddict's tables, and
/// the ids of deleted clients, which are never given out again.
/// </summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<DeletedPartnerClient> DeletedPartnerClients => Set<DeletedPartnerClient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<DeletedPartnerClient>(entity =>
        {
            entity.HasKey(client => client.ClientId);
            entity.Property(client => client.ClientId).HasMaxLength(100);
        });
    }
}

/// <summary>
/// A tombstone: records in the services belong to a client by its id, so a new client under a deleted client's id would own them.
/// </summary>
public sealed record DeletedPartnerClient(string ClientId, DateTimeOffset DeletedAt);
