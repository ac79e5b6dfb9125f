using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CooperationPlatform.Directory.Tests.Support;

/// <summary>Publishes portfolio project messages on the real broker, as the portfolio service would.</summary>
public static class Portfolio
{
    public static ProjectSnapshot Project(string title, ProjectStatus status, IEnumerable<Guid> partners, string[]? sectors = null, int[]? sdgs = null,
        string[]? countries = null) => new()
    {
        ProjectId = Guid.NewGuid(),
        IatiIdentifier = "XM-TEST-" + Guid.NewGuid().ToString("N")[..8],
        Title = title,
        Language = "en",
        Status = status,
        Sectors = [.. (sectors ?? []).Select(s => new SectorEntry(s, null))],
        Sdgs = [.. (sdgs ?? []).Select((goal, i) => new SdgContribution(goal, i == 0, []))],
        Countries = [.. (countries ?? []).Select(c => new CountryShare(c, null))],
        Partners = [.. partners.Select(p => new PartnerRoles(p, [PartnerRole.Implementing]))],
    };

    public static Task RegisterProjectAsync(this DirectoryFactory service, ProjectSnapshot project, long version = 1) =>
        service.Services.GetRequiredService<IBus>().Publish(
            new ProjectRegistered { AggregateId = project.ProjectId, AggregateVersion = version, Project = project }, TestContext.Current.CancellationToken);

    public static Task UpdateProjectAsync(this DirectoryFactory service, ProjectSnapshot project, long version) =>
        service.Services.GetRequiredService<IBus>().Publish(
            new ProjectUpdated { AggregateId = project.ProjectId, AggregateVersion = version, Project = project }, TestContext.Current.CancellationToken);
}
