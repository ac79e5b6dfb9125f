using System.Text.RegularExpressions;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Errors;
using static CooperationPlatform.Portfolio.Model.ProjectRules;

namespace CooperationPlatform.Portfolio.Application;

/// <summary>
/// The rules a project must satisfy on its own (a 400 naming every wrong field), turning a request into normalised
/// <see cref="ProjectDetails"/>. Whether its partners exist is checked against the institution replica afterwards (422).
/// It reads the HTTP request, so it lives here rather than in Model, which knows only the limits (<see cref="ProjectRules"/>).
/// </summary>
public static partial class ProjectRequestValidator
{
    private const decimal PercentageTolerance = 0.01m;

    public static ProjectDetails Validate(ProjectRequest request)
    {
        var errors = new ValidationErrors();
        var language = request.Language?.Trim() ?? "en";
        errors.Require(LanguageCode().IsMatch(language), "language", $"'{language}' is not an ISO 639-1 language code such as 'en'.");
        errors.Require(!string.IsNullOrWhiteSpace(request.Title), "title", "A project needs a title.")
            .PlainText("title", request.Title)
            .PlainText("summary", request.Summary, multiline: true);
        errors.Require((request.Title?.Length ?? 0) <= MaxTitleLength, "title", $"The title is longer than {MaxTitleLength} characters.");
        errors.Require((request.Summary?.Length ?? 0) <= MaxTextLength, "summary", $"The summary is longer than {MaxTextLength} characters.");
        if (request.IatiIdentifier is { } iati)
        {
            errors.Require(IatiIdentifier().IsMatch(iati) && iati.Length <= MaxIatiIdentifierLength, "iatiIdentifier",
                $"An IATI identifier has 1 to {MaxIatiIdentifierLength} characters, no spaces, and none of / ? #.");
        }

        var translations = request.Translations ?? [];
        errors.Each("translations", translations, (e, field, t) => e
            .Require(t is not null && LanguageCode().IsMatch(t.Language ?? ""), $"{field}.language", $"'{t?.Language}' is not an ISO 639-1 language code.")
            .Require(t is null || !string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase), $"{field}.language",
                "A translation must be in another language than the project's own.")
            .Require(t is null || !string.IsNullOrWhiteSpace(t.Title) || !string.IsNullOrWhiteSpace(t.Summary), field, "A translation needs a title or a summary.")
            .Require(t is null || ((t.Title?.Length ?? 0) <= MaxTitleLength && (t.Summary?.Length ?? 0) <= MaxTextLength), field, "The translation is too long.")
            .PlainText($"{field}.title", t?.Title)
            .PlainText($"{field}.summary", t?.Summary, multiline: true));
        Distinct(errors, "translations", translations, t => t?.Language?.ToLowerInvariant(), ".language");

        Period(errors, "plannedEnd", request.PlannedStart, request.PlannedEnd, "planned start");
        Period(errors, "actualEnd", request.ActualStart, request.ActualEnd, "actual start");

        var scopes = request.Scopes ?? [];
        Distinct(errors, "scopes", scopes, s => s);

        var sdgs = request.Sdgs ?? [];
        ValidateSdgs(errors, sdgs);

        var countries = request.Countries ?? [];
        var regions = request.Regions ?? [];
        errors.Each("countries", countries, (e, field, c) => e.Country($"{field}.country", c?.Country));
        Distinct(errors, "countries", countries, c => c?.Country?.ToUpperInvariant(), ".country");
        errors.Each("regions", regions, (e, field, r) => e.Region($"{field}.region", r?.Region));
        Distinct(errors, "regions", regions, r => r?.Region, ".region");
        ValidatePercentages(errors, countries, regions);

        var modes = request.CooperationModes ?? [];
        errors.Each("cooperationModes", modes, (e, field, m) => e.CooperationMode(field, m));
        Distinct(errors, "cooperationModes", modes, m => m?.ToLowerInvariant());

        var sectors = request.Sectors ?? [];
        errors.Each("sectors", sectors, (e, field, s) => e
            .Sector($"{field}.code", s?.Code)
            .Require(s?.DacCrsCode is null || DacCrsCode().IsMatch(s.DacCrsCode), $"{field}.dacCrsCode",
                $"'{s?.DacCrsCode}' is not an OECD DAC CRS purpose code (five digits)."));
        Distinct(errors, "sectors", sectors, s => s?.Code?.ToLowerInvariant(), ".code");

        if (request.Budget is { } budget)
        {
            errors.Require(budget.Amount >= 0, "budget.amount", "The budget cannot be negative.")
                .Amount("budget.amount", budget.Amount)
                .Currency("budget.currency", budget.Currency);
        }

        var partners = request.Partners ?? [];
        errors.Each("partners", partners, (e, field, p) => e
            .Require(p is not null && p.InstitutionId != Guid.Empty, $"{field}.institutionId", "A partner needs the id of a directory institution.")
            .Require(p?.Roles is { Count: > 0 }, $"{field}.roles", $"A partner needs at least one role: {EnumCodes<PartnerRole>.List}.")
            .Require(p?.Roles is null || p.Roles.Distinct().Count() == p.Roles.Count, $"{field}.roles", "A role is listed twice."));
        Distinct(errors, "partners", partners, p => p?.InstitutionId, ".institutionId");

        var funders = partners.Where(p => p?.Roles?.Contains(PartnerRole.Funding) == true).Select(p => p.InstitutionId).ToHashSet();
        var commitments = request.Commitments ?? [];
        errors.Each("commitments", commitments, (e, field, c) => e
            .Require(c is not null && c.Amount >= 0, $"{field}.amount", "A commitment cannot be negative.")
            .Amount($"{field}.amount", c?.Amount)
            .Currency($"{field}.currency", c?.Currency)
            .Require(c is not null && funders.Contains(c.InstitutionId), $"{field}.institutionId",
                "A commitment must come from a partner in the funding role."));

        var results = request.Results ?? [];
        errors.Each("results", results, (e, field, r) => e
            .Require(!string.IsNullOrWhiteSpace(r?.Text), $"{field}.text", "A result needs its text.")
            .Require((r?.Text?.Length ?? 0) <= MaxTextLength, $"{field}.text", $"The text is longer than {MaxTextLength} characters.")
            .PlainText($"{field}.text", r?.Text, multiline: true)
            .Require(r?.Language is null || LanguageCode().IsMatch(r.Language), $"{field}.language", $"'{r?.Language}' is not an ISO 639-1 language code."));

        errors.ThrowIfAny();

        return new ProjectDetails
        {
            Language = language.ToLowerInvariant(),
            Title = request.Title!.Trim(),
            Summary = NullIfBlank(request.Summary),
            Translations = [.. translations.Select(t => new ProjectTranslation(t.Language.ToLowerInvariant(), NullIfBlank(t.Title), NullIfBlank(t.Summary)))],
            Modality = request.Modality,
            PlannedStart = request.PlannedStart,
            PlannedEnd = request.PlannedEnd,
            ActualStart = request.ActualStart,
            ActualEnd = request.ActualEnd,
            Scopes = [.. scopes],
            Sdgs = [.. sdgs.Select(s => new SdgContribution(s.Goal, s.Primary, [.. (s.Targets ?? []).Select(t => t.ToLowerInvariant())]))],
            Countries = [.. countries.Select(c => new CountryShare(c.Country.ToUpperInvariant(), c.Percentage))],
            Regions = [.. regions],
            CooperationModes = [.. modes.Select(m => m.ToLowerInvariant())],
            Sectors = [.. sectors.Select(s => new SectorEntry(s.Code.ToLowerInvariant(), s.DacCrsCode))],
            Budget = request.Budget is { } b ? new MoneyAmount(b.Amount, b.Currency.ToUpperInvariant()) : null,
            Commitments = [.. commitments.Select(c => c with { Currency = c.Currency.ToUpperInvariant() })],
            Results = [.. results.Select(r => new ProjectResult(r.Type, r.Text.Trim(), r.Language?.ToLowerInvariant()))],
            GenderFocus = request.GenderFocus,
            OriginatingEventId = request.OriginatingEventId,
            Partners = [.. partners.Select(p => new PartnerRoles(p.InstitutionId, [.. p.Roles.Order()]))],
        };
    }

    private static void ValidateSdgs(ValidationErrors errors, IReadOnlyList<SdgContribution> sdgs)
    {
        errors.Each("sdgs", sdgs, (e, field, s) => e
            .Sdg($"{field}.goal", s?.Goal ?? 0)
            .Each($"{field}.targets", s?.Targets ?? [], (te, targetField, target) => te.SdgTarget(targetField, target, s!.Goal)));
        Distinct(errors, "sdgs", sdgs, s => s?.Goal, ".goal");
        var primaries = sdgs.Select((s, i) => (s, i)).Where(x => x.s?.Primary == true).ToList();
        foreach (var (_, index) in primaries.Skip(1))
        {
            errors.Add($"sdgs[{index}].primary", $"A project has exactly one primary SDG; sdgs[{primaries[0].i}] is already primary.");
        }
        errors.Require(sdgs.Count == 0 || primaries.Count > 0, "sdgs", "A project has exactly one primary SDG: mark one with \"primary\": true.");
        for (var i = 0; i < sdgs.Count; i++)
        {
            Distinct(errors, $"sdgs[{i}].targets", sdgs[i]?.Targets ?? [], t => t?.ToLowerInvariant());
        }
    }

    /// <summary>IATI: when shares are reported, every country and region has one and together they make 100%.</summary>
    private static void ValidatePercentages(ValidationErrors errors, IReadOnlyList<CountryShare> countries, IReadOnlyList<RegionShare> regions)
    {
        var shares = countries.Select((c, i) => (Field: $"countries[{i}].percentage", c?.Percentage))
            .Concat(regions.Select((r, i) => (Field: $"regions[{i}].percentage", r?.Percentage)))
            .ToList();
        foreach (var (field, percentage) in shares)
        {
            errors.Percentage(field, percentage);
        }
        // Out-of-range shares are already refused, and their sum could overflow.
        if (shares.All(s => s.Percentage is null) || shares.Any(s => s.Percentage is < 0 or > 100))
        {
            return;
        }
        foreach (var (field, _) in shares.Where(s => s.Percentage is null))
        {
            errors.Add(field, "When one country or region has a percentage, all of them need one.");
        }
        var sum = shares.Sum(s => s.Percentage ?? 0);
        if (shares.All(s => s.Percentage is not null) && Math.Abs(sum - 100) > PercentageTolerance)
        {
            errors.Add(countries.Count > 0 ? "countries" : "regions",
                $"The percentages of the recipient countries and regions must sum to 100; they sum to {sum}.");
        }
    }

    private static void Period(ValidationErrors errors, string endField, PartialDate? start, PartialDate? end, string startName)
    {
        if (start is { } s && end is { } e && e.LastDay < s.FirstDay)
        {
            errors.Add(endField, $"The end ({e}) is before the {startName} ({s}).");
        }
    }

    private static void Distinct<T, TKey>(ValidationErrors errors, string field, IReadOnlyList<T> items, Func<T, TKey?> key, string suffix = "")
    {
        var seen = new HashSet<TKey>();
        for (var i = 0; i < items.Count; i++)
        {
            if (key(items[i]) is { } k && !seen.Add(k))
            {
                errors.Add($"{field}[{i}]{suffix}", $"'{k}' is listed twice.");
            }
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"^[^\s/?#]+$")]
    private static partial Regex IatiIdentifier();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex DacCrsCode();
}
