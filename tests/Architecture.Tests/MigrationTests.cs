using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Architecture.Tests;

/// <summary>
/// Each service's migrations describe its model as it is: a change to an entity without its migration would otherwise reach the
/// database only when someone next adds a migration, mixed into theirs. The contexts are found by reflection, as the other rules
/// find their types, so that this assembly references no service (its own samples are checked for exactly that).
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Services => [.. PlatformAssemblies.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_migrations_of_each_service_match_its_model(string service)
    {
        using var db = CreateDbContext(service);

        Assert.False(db.Database.HasPendingModelChanges(), $"{service}: the model has changes that no migration holds");
    }

    private static DbContext CreateDbContext(string service)
    {
        var contextType = Assert.Single(PlatformAssemblies.Service(service).GetTypes(), type => type.IsSubclassOf(typeof(DbContext)) && !type.IsAbstract);
        var options = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        // No server is contacted: the model and the migrations' snapshot are compared in memory.
        options.UseNpgsql("Host=localhost;Database=unused");
        return (DbContext)Activator.CreateInstance(contextType, options.Options)!;
    }
}
