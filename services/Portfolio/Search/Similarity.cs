using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// How alike two projects are: the same primary SDG counts 3, each other shared SDG 1, each shared sector or country 2,
/// each shared partner institution 3 (working with the same partners is the strongest sign of a related project).
/// </summary>
public static class Similarity
{
    private const int SamePrimarySdg = 3;
    private const int SharedSdg = 1;
    private const int SharedSector = 2;
    private const int SharedCountry = 2;
    private const int SharedPartner = 3;

    public static int Score(SearchDocument a, SearchDocument b)
    {
        var score = 0;
        if (a.PrimarySdg is { } primary && primary == b.PrimarySdg)
        {
            score += SamePrimarySdg;
        }
        score += SharedSdg * int.PopCount(a.SdgMask & b.SdgMask);
        score += SharedSector * Shared(a.SectorIds, b.SectorIds);
        score += SharedCountry * Shared(a.CountryIds, b.CountryIds);
        score += SharedPartner * Shared(a.PartnerIds, b.PartnerIds);
        return score;
    }

    public static IReadOnlyList<SimilarityReason> Reasons(SearchDocument a, SearchDocument b, InstitutionNumbers institutions)
    {
        var reasons = new List<SimilarityReason>();
        if (a.PrimarySdg is { } primary && primary == b.PrimarySdg)
        {
            reasons.Add(new SimilarityReason("primary-sdg", [$"{primary}"], $"Both have SDG {primary} as their primary goal."));
        }
        var goals = Enumerable.Range(1, 17).Where(g => (a.SdgMask & b.SdgMask & (1 << g)) != 0).Select(g => $"{g}").ToList();
        if (goals.Count > 0)
        {
            reasons.Add(new SimilarityReason("sdg", goals, $"Both contribute to SDG {string.Join(", ", goals)}."));
        }
        var sectors = a.SectorIds.Intersect(b.SectorIds).Select(i => Vocabularies.Sectors.Terms[i]).ToList();
        if (sectors.Count > 0)
        {
            reasons.Add(new SimilarityReason("sector", [.. sectors.Select(s => s.Code)], $"Same sector: {string.Join(", ", sectors.Select(s => s.Label))}."));
        }
        var countries = a.CountryIds.Intersect(b.CountryIds).Select(i => Countries.All[i]).ToList();
        if (countries.Count > 0)
        {
            reasons.Add(new SimilarityReason("country", [.. countries.Select(c => c.Alpha3)], $"Same country: {string.Join(", ", countries.Select(c => c.Name))}."));
        }
        var partners = a.PartnerIds.Intersect(b.PartnerIds).Select(institutions.Get).ToList();
        if (partners.Count > 0)
        {
            reasons.Add(new SimilarityReason("partner", [.. partners.Select(p => p.Id.ToString())],
                $"Same partner: {string.Join(", ", partners.Select(p => p.Name ?? p.Id.ToString()))}."));
        }
        return reasons;
    }

    private static int Shared<T>(T[] a, T[] b) where T : IEquatable<T>
    {
        var shared = 0;
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) >= 0)
            {
                shared++;
            }
        }
        return shared;
    }
}
