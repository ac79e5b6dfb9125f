using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Gateway.Infrastructure;

/// <summary>The gateway's own database (<c>gatewaydb</c>): the registered partner clients, with hashed secrets, in OpenIddict's tables.</summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }
}
