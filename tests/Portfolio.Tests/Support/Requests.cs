using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Model;

namespace CooperationPlatform.Portfolio.Tests.Support;

public static class Requests
{
    public const string Projects = "/api/portfolio/v1/projects";

    public static string Unique(string title) => $"{title} {Guid.NewGuid():N}"[..Math.Min(title.Length + 9, 200)];

    /// <summary>A project using most fields, valid as it stands; tests break one rule at a time with <c>with</c>.</summary>
    public static ProjectRequest Full(Guid funder, Guid implementer) => new()
    {
        Title = Unique("Improvement of recirculating aquaculture system performance"),
        Summary = "Recirculating aquaculture systems for fish farmers.",
        Translations = [new ProjectTranslation("fr", "Amélioration des systèmes aquacoles en recirculation", null)],
        Status = ProjectStatus.Implementation,
        Modality = ProjectModality.SouthSouth,
        PlannedStart = PartialDate.Parse("2016-03"),
        PlannedEnd = PartialDate.Parse("2019"),
        Scopes = [GeographicScope.MultiNational],
        Sdgs = [new SdgContribution(14, true, ["14.7"]), new SdgContribution(2, false, ["2.3", "2.a"]), new SdgContribution(5, false, [])],
        Countries = [new CountryShare("VNM", 60), new CountryShare("LKA", 40)],
        CooperationModes = ["technology-transfer", "capacity-building"],
        Sectors = [new SectorEntry("fishery-and-aquaculture", "31310")],
        Budget = new MoneyAmount(250_000, "USD"),
        Commitments = [new FundingCommitment(funder, 150_000, "USD", PartialDate.Parse("2016")), new FundingCommitment(funder, 300_000, "CNY", null)],
        Results = [new ProjectResult(ResultType.Outcome, "Fish farmers adopt recirculating systems.", null)],
        GenderFocus = true,
        Partners = [new PartnerRoles(funder, [PartnerRole.Funding]), new PartnerRoles(implementer, [PartnerRole.Implementing, PartnerRole.Pivotal])],
    };
}
