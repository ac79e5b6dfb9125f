using System.Net;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.Portfolio.Tests.Support;
using CooperationPlatform.Testing;

namespace CooperationPlatform.Portfolio.Tests;

/// <summary>Each rule of a project, broken alone, gives 400 (or 422 for references) naming the field.</summary>
public sealed class ProjectRulesTests(PortfolioFactory factory) : IClassFixture<PortfolioFactory>
{
    private static readonly Guid Funder = Guid.CreateVersion7();
    private static readonly Guid Implementer = Guid.CreateVersion7();

    public static TheoryData<string, string> BrokenRules => new()
    {
        { "end-before-start", "plannedEnd" },
        { "actual-end-before-start", "actualEnd" },
        { "percentages-not-100", "countries" },
        { "percentage-missing", "countries[1].percentage" },
        { "two-primary-sdgs", "sdgs[1].primary" },
        { "no-primary-sdg", "sdgs" },
        { "target-of-another-goal", "sdgs[0].targets[0]" },
        { "unknown-target", "sdgs[1].targets[0]" },
        { "goal-18", "sdgs[0].goal" },
        { "duplicate-goal", "sdgs[1].goal" },
        { "unknown-budget-currency", "budget.currency" },
        { "unknown-commitment-currency", "commitments[1].currency" },
        { "negative-budget", "budget.amount" },
        { "commitment-from-non-funder", "commitments[0].institutionId" },
        { "unknown-country", "countries[0].country" },
        { "unknown-region", "regions[0].region" },
        { "unknown-sector", "sectors[0].code" },
        { "bad-dac-code", "sectors[0].dacCrsCode" },
        { "unknown-mode", "cooperationModes[1]" },
        { "no-title", "title" },
        { "bad-language", "language" },
        { "partner-without-role", "partners[1].roles" },
        { "duplicate-partner", "partners[1].institutionId" },
        { "translation-in-own-language", "translations[0].language" },
        { "result-without-text", "results[0].text" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task A_broken_rule_is_a_400_naming_the_field(string rule, string field)
    {
        await EnsureInstitutionsAsync();
        var valid = Requests.Full(Funder, Implementer);
        var request = rule switch
        {
            "end-before-start" => valid with { PlannedStart = PartialDate.Parse("2019-05"), PlannedEnd = PartialDate.Parse("2019-04-30") },
            "actual-end-before-start" => valid with { ActualStart = PartialDate.Parse("2018"), ActualEnd = PartialDate.Parse("2017-12") },
            "percentages-not-100" => valid with { Countries = [new CountryShare("VNM", 60), new CountryShare("LKA", 30)] },
            "percentage-missing" => valid with { Countries = [new CountryShare("VNM", 100), new CountryShare("LKA", null)] },
            "two-primary-sdgs" => valid with { Sdgs = [new SdgContribution(14, true, []), new SdgContribution(2, true, [])] },
            "no-primary-sdg" => valid with { Sdgs = [new SdgContribution(14, false, [])] },
            "target-of-another-goal" => valid with { Sdgs = [new SdgContribution(9, true, ["8.2"])] },
            "unknown-target" => valid with { Sdgs = [new SdgContribution(9, true, []), new SdgContribution(17, false, ["17.20"])] },
            "goal-18" => valid with { Sdgs = [new SdgContribution(18, true, [])] },
            "duplicate-goal" => valid with { Sdgs = [new SdgContribution(9, true, []), new SdgContribution(9, false, [])] },
            "unknown-budget-currency" => valid with { Budget = new MoneyAmount(10, "XYZ") },
            "unknown-commitment-currency" => valid with { Commitments = [valid.Commitments![0], valid.Commitments[1] with { Currency = "RMB" }] },
            "negative-budget" => valid with { Budget = new MoneyAmount(-1, "USD") },
            "commitment-from-non-funder" => valid with { Commitments = [new FundingCommitment(Implementer, 1, "USD", null)] },
            "unknown-country" => valid with { Countries = [new CountryShare("XXX", null)] },
            "unknown-region" => valid with { Countries = [], Regions = [new RegionShare("999", null)] },
            "unknown-sector" => valid with { Sectors = [new SectorEntry("rocket-science", null)] },
            "bad-dac-code" => valid with { Sectors = [new SectorEntry("agriculture", "311")] },
            "unknown-mode" => valid with { CooperationModes = ["capacity-building", "telepathy"] },
            "no-title" => valid with { Title = " " },
            "bad-language" => valid with { Language = "english" },
            "partner-without-role" => valid with { Partners = [valid.Partners![0], new PartnerRoles(Implementer, [])] },
            "duplicate-partner" => valid with { Partners = [valid.Partners![0], new PartnerRoles(Funder, [PartnerRole.Pivotal])] },
            "translation-in-own-language" => valid with { Translations = [new ProjectTranslation("en", "Same language", null)] },
            "result-without-text" => valid with { Results = [new ProjectResult(ResultType.Output, "", null)] },
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        using var client = factory.CreateWriter();

        var response = await client.PostJsonAsync(Requests.Projects, request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_valid_project_is_accepted()
    {
        await EnsureInstitutionsAsync();
        using var client = factory.CreateWriter();

        var response = await client.PostJsonAsync(Requests.Projects, Requests.Full(Funder, Implementer));

        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"title":"x","plannedStart":"2020-13"}""", "plannedStart")]
    [InlineData("""{"title":"x","modality":"north-south"}""", "modality")]
    [InlineData("""{"title":"x","partners":[{"institutionId":"00000000-0000-0000-0000-000000000001","roles":["donor"]}]}""", "partners[0].roles[0]")]
    public async Task Json_that_does_not_bind_is_a_400_naming_the_field(string json, string field)
    {
        using var client = factory.CreateWriter();

        var response = await client.PostAsync(Requests.Projects, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_institution_unknown_to_the_replica_is_a_422_naming_the_partner()
    {
        await EnsureInstitutionsAsync();
        var stranger = Guid.CreateVersion7();
        var request = Requests.Full(Funder, Implementer) with
        {
            Partners = [new PartnerRoles(Funder, [PartnerRole.Funding]), new PartnerRoles(stranger, [PartnerRole.Beneficiary])],
        };
        using var client = factory.CreateWriter();

        var response = await client.PostJsonAsync(Requests.Projects, request);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "partners[1].institutionId");
    }

    /// <summary>Tests of a class run one after another, so the first one seeds the partners for all.</summary>
    private async Task EnsureInstitutionsAsync()
    {
        var known = await factory.WithDbAsync(db => Task.FromResult(db.Institutions.Any(i => i.Id == Funder)));
        if (!known)
        {
            await factory.WithDbAsync(async db =>
            {
                db.Institutions.AddRange(
                    new Institution { Id = Funder, Name = "Pérez-Guerrero Trust Fund", Type = InstitutionType.TrustFund, UpdatedAt = DateTimeOffset.UtcNow },
                    new Institution { Id = Implementer, Name = "Freshwater Fisheries Research Center", Type = InstitutionType.ResearchOrTrainingCentre, UpdatedAt = DateTimeOffset.UtcNow });
                return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            });
        }
    }
}
