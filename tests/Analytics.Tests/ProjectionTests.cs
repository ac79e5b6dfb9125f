using CooperationPlatform.Analytics.Application;
using CooperationPlatform.Analytics.Tests.Support;
using CooperationPlatform.Contracts.Messages.Events;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

public sealed class ProjectionTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task Sdg_view_counts_primary_and_secondary_projects_by_status_modality_countries_partners_funding_and_targets()
    {
        var year = UniqueYear();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var pgtf = Guid.NewGuid();
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 9, [2], ["IDN", "VNM"], partners: [new(a, PartnerRole.Implementing), new(pgtf, PartnerRole.Funding)],
                commitments: [(pgtf, 30000m, "USD")], targets: ["9.2", "9.b", "2.3"])),
            Registered(Project(Guid.NewGuid(), year, 2, [9], ["LKA"], ProjectStatus.Pipeline, ProjectModality.Triangular,
                partners: [new(b, PartnerRole.Implementing), new(c, PartnerRole.Facilitating)], commitments: [(c, 1000m, "EUR"), (c, 500m, "USD")],
                targets: ["9.2"])),
            Registered(Project(Guid.NewGuid(), year, 7, [], ["CHN"])));

        var sdg9 = await analytics.GetAsync<SdgView>($"{AnalyticsFactory.Root}/sdgs/9?fromYear={year}&toYear={year}");

        Assert.Equal((1, 1), (sdg9.PrimaryProjects, sdg9.SecondaryProjects));
        Assert.Equal([new Count<ProjectStatus?>(ProjectStatus.Pipeline, 1), new Count<ProjectStatus?>(ProjectStatus.Implementation, 1)], sdg9.ByStatus);
        Assert.Equal([new Count<ProjectModality?>(ProjectModality.SouthSouth, 1), new Count<ProjectModality?>(ProjectModality.Triangular, 1)], sdg9.ByModality);
        Assert.Equal(["IDN", "LKA", "VNM"], sdg9.CountriesReached);
        Assert.Equal(4, sdg9.PartnerInstitutions);
        Assert.Equal([new Money("EUR", 1000m), new Money("USD", 30500m)], sdg9.CommittedFunding);
        Assert.Equal([new TargetUse("9.2", 2), new TargetUse("9.b", 1)], sdg9.Targets);

        var pipelineOnly = await analytics.GetAsync<SdgView>($"{AnalyticsFactory.Root}/sdgs/9?fromYear={year}&toYear={year}&status=pipeline");
        Assert.Equal((0, 1), (pipelineOnly.PrimaryProjects, pipelineOnly.SecondaryProjects));

        var all = await analytics.GetAsync<List<SdgSummary>>($"{AnalyticsFactory.Root}/sdgs?fromYear={year}&toYear={year}");
        Assert.Equal(17, all.Count);
        Assert.Equal((1, 0), (all[6].PrimaryProjects, all[6].SecondaryProjects));

        var overview = await analytics.GetAsync<Overview>($"{AnalyticsFactory.Root}/overview?fromYear={year}&toYear={year}");
        Assert.Equal((3, 4, 3), (overview.Projects, overview.CountriesReached, overview.SdgsCovered));
        Assert.Equal([new Count<ProjectStatus?>(ProjectStatus.Pipeline, 1), new Count<ProjectStatus?>(ProjectStatus.Implementation, 2)], overview.ByStatus);
        Assert.Equal([new Count<ProjectModality?>(ProjectModality.SouthSouth, 2), new Count<ProjectModality?>(ProjectModality.Triangular, 1)], overview.ByModality);
        var pipelineOverview = await analytics.GetAsync<Overview>($"{AnalyticsFactory.Root}/overview?fromYear={year}&toYear={year}&status=pipeline");
        Assert.Equal((1, 1, 2), (pipelineOverview.Projects, pipelineOverview.CountriesReached, pipelineOverview.SdgsCovered));
    }

    [Fact]
    public async Task A_project_that_changes_sdgs_moves_its_counts_and_never_double_counts()
    {
        var year = UniqueYear();
        var project = Project(Guid.NewGuid(), year, 9, [17]);
        await analytics.PublishAsync(Registered(project));
        await analytics.PublishAsync(Updated(project with { Sdgs = [new SdgContribution(6, true, []), new SdgContribution(9, false, [])] }, 2));

        var sdgs = await analytics.GetAsync<List<SdgSummary>>($"{AnalyticsFactory.Root}/sdgs?fromYear={year}&toYear={year}");
        Assert.Equal((0, 1), (sdgs[8].PrimaryProjects, sdgs[8].SecondaryProjects));
        Assert.Equal((1, 0), (sdgs[5].PrimaryProjects, sdgs[5].SecondaryProjects));
        Assert.Equal((0, 0), (sdgs[16].PrimaryProjects, sdgs[16].SecondaryProjects));
        Assert.Equal(1, (await analytics.GetAsync<Overview>($"{AnalyticsFactory.Root}/overview?fromYear={year}&toYear={year}")).Projects);
    }

    [Fact]
    public async Task Country_region_and_grouping_views_count_recipients_institutions_events_and_participants()
    {
        var year = UniqueYear();
        var before = await analytics.GetAsync<PlaceView>($"{AnalyticsFactory.Root}/countries/NPL?fromYear={year}&toYear={year}");
        var eventId = Guid.NewGuid();
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 7, [], ["NPL", "BGD"])),
            Registered(Project(Guid.NewGuid(), year, 7, [], ["BRA"])),
            Institution(Guid.NewGuid(), "Nepal Renewable Energy Centre", "NPL"),
            Event(eventId, year, "Kathmandu", "NPL"),
            Confirmed(eventId, Participant("NPL", "Kathmandu", "Kathmandu Metropolitan City")),
            Confirmed(eventId, Participant("CHN", "Chengdu", "Chengdu Municipal Government")));

        var nepal = await analytics.GetAsync<PlaceView>($"{AnalyticsFactory.Root}/countries/NPL?fromYear={year}&toYear={year}");
        Assert.Equal(1, nepal.ProjectsAsRecipient);
        Assert.Equal(before.InstitutionsBasedThere + 1, nepal.InstitutionsBasedThere);
        Assert.Equal(1, nepal.EventsHosted);
        Assert.Equal(1, nepal.ParticipantsFromThere);

        var southernAsia = await analytics.GetAsync<PlaceView>($"{AnalyticsFactory.Root}/regions/034?fromYear={year}&toYear={year}");
        Assert.Equal(1, southernAsia.ProjectsAsRecipient);
        var ldc = await analytics.GetAsync<PlaceView>($"{AnalyticsFactory.Root}/groupings/ldc?fromYear={year}&toYear={year}");
        Assert.Equal((1, 1, 1), (ldc.ProjectsAsRecipient, ldc.EventsHosted, ldc.ParticipantsFromThere));
        var americas = await analytics.GetAsync<PlaceView>($"{AnalyticsFactory.Root}/regions/019?fromYear={year}&toYear={year}");
        Assert.Equal(1, americas.ProjectsAsRecipient);
    }

    [Fact]
    public async Task Modality_trend_counts_south_south_and_triangular_projects_per_year()
    {
        // Two years: year + 1 must not be another test's unique year.
        var year = UniqueYears(2);
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 9, modality: ProjectModality.SouthSouth)),
            Registered(Project(Guid.NewGuid(), year, 9, modality: ProjectModality.Triangular)),
            Registered(Project(Guid.NewGuid(), year + 1, 9, modality: ProjectModality.Triangular)),
            Registered(Project(Guid.NewGuid(), year + 1, 9, modality: ProjectModality.Triangular)));

        var trend = await analytics.GetAsync<ModalityTrend>($"{AnalyticsFactory.Root}/modalities?fromYear={year}&toYear={year + 1}");

        Assert.Equal([new ModalityYear(year, 1, 1, 0, 0), new ModalityYear(year + 1, 0, 2, 0, 0)], trend.Years);
    }

    [Fact]
    public async Task Network_view_gives_the_pgtf_projects_of_the_member_institutions_and_the_countries_they_reach()
    {
        var year = UniqueYear();
        Guid network = Guid.NewGuid(), pgtf = Guid.NewGuid(), member = Guid.NewGuid(), other = Guid.NewGuid(), outsider = Guid.NewGuid();
        await analytics.PublishAsync(
            Institution(network, "China South-South Cooperation Network", "CHN", InstitutionType.Network),
            Institution(pgtf, "Pérez-Guerrero Trust Fund for South-South Cooperation (PGTF)", null, InstitutionType.TrustFund),
            Institution(member, "National Research and Development Center for Spirulina", "CHN", networks: [network]),
            Institution(other, "Asia-Pacific Research and Training Center for Solar Energy", "CHN"),
            Institution(outsider, "Someone else", "IND"));
        await analytics.PublishAsync(new Contracts.Messages.Directory.NetworkMembershipChanged
        {
            AggregateId = other, AggregateVersion = 2, MemberId = other, NetworkId = network, MemberNetworkIds = [network],
        });
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 2, [], ["IDN", "VNM"], partners: [new(member, PartnerRole.Implementing), new(pgtf, PartnerRole.Funding)],
                commitments: [(pgtf, 30000m, "USD")])),
            Registered(Project(Guid.NewGuid(), year, 7, [13], ["FJI", "VNM"], partners: [new(other, PartnerRole.Implementing), new(pgtf, PartnerRole.Funding)])),
            Registered(Project(Guid.NewGuid(), year, 7, [], ["KEN"], partners: [new(member, PartnerRole.Implementing)])),
            Registered(Project(Guid.NewGuid(), year, 7, [], ["PER"], partners: [new(outsider, PartnerRole.Implementing), new(pgtf, PartnerRole.Funding)])));

        var pgtfProjects = await analytics.GetAsync<ReachView>($"{AnalyticsFactory.Root}/networks/{network}?funderId={pgtf}&fromYear={year}&toYear={year}");

        Assert.Equal("China South-South Cooperation Network", pgtfProjects.Name);
        Assert.Equal(2, pgtfProjects.MemberInstitutions);
        Assert.Equal(2, pgtfProjects.Projects);
        Assert.Equal(["FJI", "IDN", "VNM"], pgtfProjects.CountriesReached);
        Assert.Equal([new SdgUse(2, 1), new SdgUse(7, 1), new SdgUse(13, 1)], pgtfProjects.Sdgs);
        Assert.Equal([new Money("USD", 30000m)], pgtfProjects.CommittedFunding);
        Assert.Equal(3, (await analytics.GetAsync<ReachView>($"{AnalyticsFactory.Root}/networks/{network}?fromYear={year}&toYear={year}")).Projects);

        var funder = await analytics.GetAsync<ReachView>($"{AnalyticsFactory.Root}/funders/{pgtf}?fromYear={year}&toYear={year}");
        Assert.Equal(3, funder.Projects);
        Assert.Equal(["FJI", "IDN", "PER", "VNM"], funder.CountriesReached);
    }

    [Fact]
    public async Task Event_view_counts_confirmed_participants_organizations_cities_countries_and_the_matchmaking_funnel()
    {
        var year = UniqueYear();
        var eventId = Guid.NewGuid();
        var chengdu = Participant("CHN", "Chengdu", "Chengdu Municipal Government");
        var vienna = Participant("AUT", "Vienna", "UNIDO");
        var lima = Participant("PER", "Lima", "Municipalidad de Lima");
        var cancelled = Confirmed(eventId, Participant("ETH", "Addis Ababa", "Addis Ababa City Administration"));
        var project = Guid.NewGuid();
        var m1 = MeetingRequested(Guid.NewGuid(), eventId, chengdu, vienna);
        var m2 = MeetingRequested(Guid.NewGuid(), eventId, lima, vienna);
        var m3 = MeetingRequested(Guid.NewGuid(), eventId, lima, chengdu);
        await analytics.PublishAsync(Event(eventId, year, "Vienna", "AUT"), Confirmed(eventId, chengdu), Confirmed(eventId, vienna), Confirmed(eventId, lima),
            Confirmed(eventId, chengdu with { ParticipantId = Guid.NewGuid() }), cancelled, m1, m2, m3);
        await analytics.PublishAsync(Cancelled(cancelled), MeetingScheduled(m1), MeetingScheduled(m2));
        await analytics.PublishAsync(MeetingOutcome(m1, Contracts.Messages.Events.MeetingOutcome.Lead), MeetingOutcome(m2, Contracts.Messages.Events.MeetingOutcome.NoFollowUp));
        await analytics.PublishAsync(MeetingOutcome(m1, Contracts.Messages.Events.MeetingOutcome.AgreementInPreparation, project, 4));

        var view = await analytics.GetAsync<EventView>($"{AnalyticsFactory.Root}/events/{eventId}");

        Assert.Equal((4L, 3L, 3L, 3L), (view.Participants, view.Organizations, view.Cities, view.Countries));
        Assert.Equal(new Funnel(3, 2, 2, 1, 1), view.Funnel);
        Assert.Equal(new Funnel(3, 2, 2, 1, 1), await analytics.GetAsync<Funnel>($"{AnalyticsFactory.Root}/funnel?eventId={eventId}"));
        Assert.Equal(new Funnel(3, 2, 2, 1, 1), await analytics.GetAsync<Funnel>($"{AnalyticsFactory.Root}/funnel?fromYear={year}&toYear={year}"));
        Assert.Equal(EventStatus.OpenForRegistration, view.Status);
    }

    [Fact]
    public async Task Partnership_indicators_count_multi_stakeholder_and_triangular_projects_and_distinct_partner_pairs()
    {
        var year = UniqueYear();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var second = Project(Guid.NewGuid(), year, 9, [], partners: [new(a, PartnerRole.Implementing), new(b, PartnerRole.Funding)]);
        await analytics.PublishAsync(
            Registered(Project(Guid.NewGuid(), year, 17, [], partners: [new(a, PartnerRole.Pivotal), new(b, PartnerRole.Beneficiary), new(c, PartnerRole.Facilitating)],
                modality: ProjectModality.Triangular)),
            Registered(second),
            Registered(Project(Guid.NewGuid(), year, 9, [])));

        var indicators = await analytics.GetAsync<PartnershipIndicators>($"{AnalyticsFactory.Root}/partnerships?fromYear={year}&toYear={year}");

        Assert.Equal(new PartnershipIndicators(3, 1, 1, 3), indicators);

        // The second project's partners change (a new pair), then its status: the pairs follow both.
        var regrouped = second with { Partners = [new PartnerRoles(a, [PartnerRole.Implementing]), new PartnerRoles(d, [PartnerRole.Funding])] };
        await analytics.PublishAsync(PartnersChanged(regrouped, 2));
        Assert.Equal(4, (await analytics.GetAsync<PartnershipIndicators>($"{AnalyticsFactory.Root}/partnerships?fromYear={year}&toYear={year}")).DistinctPartnerPairs);
        await analytics.PublishAsync(StatusChanged(regrouped with { Status = ProjectStatus.Pipeline }, 3));
        Assert.Equal(1, (await analytics.GetAsync<PartnershipIndicators>($"{AnalyticsFactory.Root}/partnerships?fromYear={year}&toYear={year}&status=pipeline")).DistinctPartnerPairs);
        Assert.Equal(3, (await analytics.GetAsync<PartnershipIndicators>($"{AnalyticsFactory.Root}/partnerships?fromYear={year}&toYear={year}&status=implementation")).DistinctPartnerPairs);
    }

    [Fact]
    public async Task Every_view_exports_as_csv()
    {
        var year = UniqueYear();
        await analytics.PublishAsync(Registered(Project(Guid.NewGuid(), year, 9, [], ["IDN"], commitments: [(Guid.NewGuid(), 1234.5m, "USD")])));
        using var client = analytics.Client();

        var csv = await client.GetStringAsync($"{AnalyticsFactory.Root}/sdgs/9?fromYear={year}&toYear={year}&format=csv", TestContext.Current.CancellationToken);

        Assert.StartsWith("path,value\n", csv, StringComparison.Ordinal);
        Assert.Contains("primaryProjects,1\n", csv, StringComparison.Ordinal);
        Assert.Contains("countriesReached[0],IDN\n", csv, StringComparison.Ordinal);
        Assert.Contains("committedFunding[0].amount,1234.5\n", csv, StringComparison.Ordinal);
        foreach (var view in new[] { "/overview", "/sdgs", "/partnerships", "/countries/CHN", "/regions/002", "/groupings/sids", "/modalities", "/funnel" })
        {
            using var response = await client.GetAsync($"{AnalyticsFactory.Root}{view}?format=csv", TestContext.Current.CancellationToken);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
