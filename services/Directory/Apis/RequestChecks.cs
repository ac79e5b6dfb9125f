using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Directory.Apis;

internal static class RequestChecks
{
    public static ValidationErrors SectorList(this ValidationErrors errors, string field, IReadOnlyList<string>? codes) =>
        errors.Each(field, codes, (e, f, code) => e.Sector(f, code)).MaxItems(field, codes?.Count);

    public static ValidationErrors ModeList(this ValidationErrors errors, string field, IReadOnlyList<string>? codes) =>
        errors.Each(field, codes, (e, f, code) => e.CooperationMode(f, code)).MaxItems(field, codes?.Count);

    public static ValidationErrors SdgList(this ValidationErrors errors, string field, IReadOnlyList<int>? goals) =>
        errors.Each(field, goals, (e, f, goal) => e.Sdg(f, goal)).MaxItems(field, goals?.Count);

    public static ValidationErrors CountryList(this ValidationErrors errors, string field, IReadOnlyList<string>? codes) =>
        errors.Each(field, codes, (e, f, code) => e.Country(f, code)).MaxItems(field, codes?.Count);

    public static ValidationErrors RegionList(this ValidationErrors errors, string field, IReadOnlyList<string>? codes) =>
        errors.Each(field, codes, (e, f, code) => e.Region(f, code)).MaxItems(field, codes?.Count);

    private static ValidationErrors MaxItems(this ValidationErrors errors, string field, int? count) =>
        errors.Require((count ?? 0) <= InstitutionRequest.MaxListItems, field, $"At most {InstitutionRequest.MaxListItems} values.");

    /// <summary>Vocabulary codes as the vocabulary spells them (lookups ignore case), without repeats.</summary>
    public static IReadOnlyList<string> Canonical<TTerm>(this IEnumerable<string>? codes, Vocabulary<TTerm> vocabulary)
        where TTerm : VocabularyTerm =>
        [.. (codes ?? []).Select(c => vocabulary.TryGet(c, out var term) ? term.Code : c).Distinct()];

    public static IReadOnlyList<string> CanonicalCountries(this IEnumerable<string>? codes) =>
        [.. (codes ?? []).Select(c => c.ToUpperInvariant()).Distinct()];
}

internal static class EnumQueryChecks
{
    public static ValidationErrors Codes<TEnum>(this ValidationErrors errors, string field, IReadOnlyList<string>? codes) where TEnum : struct, Enum =>
        errors.Each(field, codes, (e, f, code) => e.Require(EnumCodes<TEnum>.TryParse(code, out _), f,
            $"'{code}' is not one of: {EnumCodes<TEnum>.List}."));

    public static IReadOnlyList<TEnum> ParseCodes<TEnum>(this IEnumerable<string>? codes) where TEnum : struct, Enum =>
        [.. (codes ?? []).Select(code => EnumCodes<TEnum>.TryParse(code, out var value) ? value : throw new FormatException(code)).Distinct()];
}
