using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Testing;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using RabbitMQ.Client;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

public sealed class IdempotencyTests(AnalyticsFactory analytics, InfrastructureFixture infrastructure) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task A_message_delivered_twice_is_applied_once()
    {
        var year = UniqueYear();
        var funder = Guid.NewGuid();
        var project = Project(Guid.NewGuid(), year, 9, [], commitments: [(funder, 100m, "USD")]);
        var registered = Registered(project);
        var update = Updated(project with { Sdgs = [new SdgContribution(6, true, [])] }, 2);

        await analytics.PublishAsync(registered, registered, update, update);
        await analytics.PublishAsync(registered);

        var sdgs = await analytics.GetAsync<List<SdgSummary>>($"{AnalyticsFactory.Root}/sdgs?fromYear={year}&toYear={year}");
        Assert.Equal(1, sdgs[5].PrimaryProjects);
        Assert.Equal(0, sdgs[8].PrimaryProjects);
        Assert.Equal([new Money("USD", 100m)], (await analytics.GetAsync<ReachView>($"{AnalyticsFactory.Root}/funders/{funder}")).CommittedFunding);
        Assert.Equal(2, await analytics.WithDbAsync(db => db.Projects.Where(p => p.Id == project.ProjectId).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task An_older_version_arriving_after_a_newer_one_changes_nothing()
    {
        var year = UniqueYear();
        var project = Project(Guid.NewGuid(), year, 9, []);
        await analytics.PublishAsync(StatusChanged(project with { Status = ProjectStatus.Closed }, 3));
        await analytics.PublishAsync(Registered(project), Updated(project with { Status = ProjectStatus.Suspended }, 2));

        var overview = await analytics.GetAsync<Overview>($"{AnalyticsFactory.Root}/overview?fromYear={year}&toYear={year}");

        Assert.Equal([new Count<ProjectStatus?>(ProjectStatus.Closed, 1)], overview.ByStatus);
    }

    [Fact]
    public async Task A_message_with_unknown_future_fields_is_accepted_and_the_fields_ignored()
    {
        var year = UniqueYear();
        var message = Registered(Project(Guid.NewGuid(), year, 11, [], ["KEN"]));
        var body = JsonSerializer.SerializeToNode(message, SystemTextJsonMessageSerializer.Options)!.AsObject();
        body["carbonFootprint"] = new JsonObject { ["tonnes"] = 12.5, ["method"] = "ghg-protocol" };
        body["project"]!.AsObject()["futureList"] = new JsonArray(1, 2, 3);
        var envelope = new JsonObject
        {
            ["messageId"] = message.Id.ToString(),
            ["messageType"] = new JsonArray("urn:message:CooperationPlatform.Contracts.Messages.Portfolio:ProjectRegistered"),
            ["message"] = body,
            ["sentTime"] = DateTime.UtcNow.ToString("O"),
        };
        var factory = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.BasicPublishAsync("CooperationPlatform.Contracts.Messages.Portfolio:ProjectRegistered", "", false,
                new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = message.Id.ToString(), Persistent = true },
                Encoding.UTF8.GetBytes(envelope.ToJsonString()), TestContext.Current.CancellationToken);
        }
        await analytics.WaitConsumedAsync(message.Id);

        var sdg = await analytics.GetAsync<SdgView>($"{AnalyticsFactory.Root}/sdgs/11?fromYear={year}&toYear={year}");
        Assert.Equal(1, sdg.PrimaryProjects);
        Assert.Equal(["KEN"], sdg.CountriesReached);
    }
}
