using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Infrastructure;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Security;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests.Support;

/// <summary>
/// The portfolio service, with its writer's client and a way to fill its replica of the directory. Its queues get a name of their
/// own, so several factories running at once each receive every directory message.
/// </summary>
public sealed class PortfolioFactory : ServiceFactory<Program, PortfolioDbContext>
{
    public const string ClientId = "partner-a";

    public PortfolioFactory(InfrastructureFixture infrastructure) : base(infrastructure, "portfolio")
    {
        Settings["Messaging:Consumers:RetryMinInterval"] = "00:00:00.050";
    }

    /// <summary>A client with the portfolio.write scope, as the partner <see cref="ClientId"/>.</summary>
    public HttpClient CreateWriter() => Client(ClientId, PlatformScopes.PortfolioWrite);

    /// <summary>Puts institutions straight into the replica, for tests about projects rather than about the replica itself.</summary>
    public Task<Guid[]> AddInstitutionsAsync(params string[] names) =>
        AddInstitutionsAsync([.. names.Select(name => (Guid.CreateVersion7(), name, InstitutionType.ResearchOrTrainingCentre))]);

    public async Task<Guid[]> AddInstitutionsAsync(params (Guid Id, string Name, InstitutionType Type)[] institutions)
    {
        await WithDbAsync(db =>
        {
            db.Institutions.AddRange(institutions.Select(i => new Institution
            {
                Id = i.Id,
                Name = i.Name,
                Type = i.Type,
                SourceVersion = 1,
                UpdatedAt = DateTimeOffset.UtcNow,
            }));
            return db.SaveChangesAsync();
        });
        return [.. institutions.Select(i => i.Id)];
    }
}
