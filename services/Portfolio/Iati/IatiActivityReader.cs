using System.Collections.Frozen;
using System.Globalization;
using System.Xml.Linq;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Model;
using static CooperationPlatform.Portfolio.Iati.IatiCodes;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Reads one <c>iati-activity</c> back into a project request: the inverse of <see cref="IatiActivityWriter"/>, and tolerant of IATI
/// data from elsewhere. Placeholders are skipped; what cannot be read is an error naming the element; what the platform has no
/// place for (a DAC sector with no platform sector, say) is a warning.
/// </summary>
public static class IatiActivityReader
{
    private static readonly XNamespace Cp = Namespace;
    private static readonly XNamespace XmlNs = XNamespace.Xml;

    private static readonly FrozenDictionary<string, string> Alpha3ByAlpha2 =
        Countries.All.ToFrozenDictionary(c => c.Alpha2, c => c.Alpha3, StringComparer.OrdinalIgnoreCase);

    public static ImportItem Read(XElement activity, int index, InstitutionResolver institutions)
    {
        var item = new ImportItem
        {
            Index = index,
            IatiIdentifier = activity.Element("iati-identifier")?.Value.Trim() is { Length: > 0 } id ? id : null,
            ProjectId = Guid.TryParse((string?)activity.Attribute(Cp + "id"), out var projectId) ? projectId : null,
        };
        if (item.IatiIdentifier is null)
        {
            return item.Error("iati-identifier", "An activity needs an iati-identifier: imports upsert on it.");
        }
        var language = ((string?)activity.Attribute(XmlNs + "lang"))?.Trim().ToLowerInvariant() ?? "en";
        var translations = new Dictionary<string, (string? Title, string? Summary)>();

        var title = Narratives(activity.Element("title"), language, (lang, text) => translations[lang] = (text, translations.GetValueOrDefault(lang).Summary));
        var description = activity.Elements("description")
            .FirstOrDefault(d => !IsPlaceholder(d) && ((string?)d.Attribute("type") ?? DescriptionGeneral) == DescriptionGeneral);
        var summary = Narratives(description, language, (lang, text) => translations[lang] = (translations.GetValueOrDefault(lang).Title, text));

        var partners = ReadPartners(activity, item, institutions);
        var request = new ProjectRequest
        {
            Id = item.ProjectId,
            IatiIdentifier = item.IatiIdentifier,
            Language = language,
            Title = title,
            Summary = summary,
            Translations = [.. translations.Select(t => new ProjectTranslation(t.Key, t.Value.Title, t.Value.Summary))],
            Status = ReadStatus(activity, item),
            Modality = activity.Element("collaboration-type") is { } collaboration
                ? EnumCodes<ProjectModality>.TryParse((string?)collaboration.Attribute(Cp + "modality"), out var modality)
                    ? modality
                    : ModalityFromCollaborationType((string?)collaboration.Attribute("code"))
                : null,
            PlannedStart = ReadDate(activity, PlannedStart, item),
            ActualStart = ReadDate(activity, ActualStart, item),
            PlannedEnd = ReadDate(activity, PlannedEnd, item),
            ActualEnd = ReadDate(activity, ActualEnd, item),
            Scopes = ReadScopes(activity, item),
            Sdgs = ReadSdgs(activity, item),
            Countries = ReadCountries(activity, item),
            Regions = ReadRegions(activity, item),
            CooperationModes = [.. activity.Elements("tag")
                .Where(t => (string?)t.Attribute("vocabulary") == TagVocabularyReportingOrganisation
                    && (string?)t.Attribute("vocabulary-uri") == CooperationModeVocabularyUri)
                .Select(t => ((string?)t.Attribute("code"))?.Trim() ?? "")],
            Sectors = ReadSectors(activity, item),
            Budget = ReadBudget(activity, item),
            Commitments = ReadCommitments(activity, item, institutions),
            Results = ReadResults(activity, item),
            GenderFocus = activity.Elements("policy-marker")
                .Where(m => (string?)m.Attribute("code") == PolicyMarkerGenderEquality
                    && ((string?)m.Attribute("vocabulary") ?? PolicyMarkerVocabularyOecdDac) == PolicyMarkerVocabularyOecdDac)
                .Select(m => (bool?)((string?)m.Attribute("significance") is { } s && s != "0"))
                .FirstOrDefault(),
            OriginatingEventId = Guid.TryParse((string?)activity.Element(Cp + "originating-event")?.Attribute("id"), out var eventId) ? eventId : null,
            Partners = partners,
        };
        return item with { Request = request };
    }

    private static string? Narratives(XElement? element, string language, Action<string, string> translation)
    {
        string? text = null;
        foreach (var narrative in element?.Elements("narrative") ?? [])
        {
            var lang = ((string?)narrative.Attribute(XmlNs + "lang"))?.Trim().ToLowerInvariant();
            if (lang is null || lang == language)
            {
                text ??= narrative.Value.Trim();
            }
            else
            {
                translation(lang, narrative.Value.Trim());
            }
        }
        return text;
    }

    private static List<PartnerRoles> ReadPartners(XElement activity, ImportItem item, InstitutionResolver institutions)
    {
        var roles = new Dictionary<Guid, List<PartnerRole>>();
        var index = 0;
        foreach (var organisation in activity.Elements("participating-org"))
        {
            var field = $"participating-org[{index++}]";
            if (IsPlaceholder(organisation))
            {
                continue;
            }
            if (RoleFromCode((string?)organisation.Attribute("role")) is not { } role)
            {
                item.Error($"{field}/@role", $"'{(string?)organisation.Attribute("role")}' is not an IATI organisation role (1 to 4).");
                continue;
            }
            if (Resolve(organisation, field, item, institutions) is { } id)
            {
                AddRole(roles, id, role);
            }
        }
        index = 0;
        foreach (var triangular in activity.Elements(Cp + "triangular-role"))
        {
            var field = $"cp:triangular-role[{index++}]";
            if (!EnumCodes<PartnerRole>.TryParse((string?)triangular.Attribute("role"), out var role) || !IsTriangular(role))
            {
                item.Error($"{field}/@role", $"'{(string?)triangular.Attribute("role")}' is not a triangular role (beneficiary, pivotal, facilitating).");
                continue;
            }
            var id = institutions.Resolve((string?)triangular.Attribute("institution-id"), (string?)triangular.Attribute("name"));
            if (id is null)
            {
                Unknown(item, null, (string?)triangular.Attribute("name"), field);
                continue;
            }
            AddRole(roles, id.Value, role);
        }
        return [.. roles.Select(r => new PartnerRoles(r.Key, r.Value))];
    }

    private static Guid? Resolve(XElement organisation, string field, ImportItem item, InstitutionResolver institutions)
    {
        var name = organisation.Elements("narrative").FirstOrDefault()?.Value.Trim();
        var id = institutions.Resolve((string?)organisation.Attribute(Cp + "institution-id"), name);
        if (id is null)
        {
            Unknown(item, (string?)organisation.Attribute("ref"), name, field);
        }
        return id;
    }

    private static void Unknown(ImportItem item, string? reference, string? name, string field)
    {
        item.UnknownOrganisations.Add(new UnknownOrganisation(reference, name, item.Index, field));
        item.Error(field, $"The organisation '{name ?? reference}' matches no institution known to the portfolio; register it in the directory first.");
    }

    private static void AddRole(Dictionary<Guid, List<PartnerRole>> roles, Guid id, PartnerRole role)
    {
        if (!roles.TryGetValue(id, out var list))
        {
            roles[id] = list = [];
        }
        if (!list.Contains(role))
        {
            list.Add(role);
        }
    }

    private static ProjectStatus? ReadStatus(XElement activity, ImportItem item)
    {
        if (activity.Element("activity-status") is not { } status || IsPlaceholder(status))
        {
            return null;
        }
        if (int.TryParse((string?)status.Attribute("code"), CultureInfo.InvariantCulture, out var code) && Enum.IsDefined((ProjectStatus)code))
        {
            return (ProjectStatus)code;
        }
        item.Error("activity-status/@code", $"'{(string?)status.Attribute("code")}' is not an IATI activity status (1 to 6).");
        return null;
    }

    private static PartialDate? ReadDate(XElement activity, string type, ImportItem item)
    {
        var element = activity.Elements("activity-date").FirstOrDefault(d => (string?)d.Attribute("type") == type && !IsPlaceholder(d));
        if (element is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact((string?)element.Attribute("iso-date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            item.Error($"activity-date[@type={type}]/@iso-date", $"'{(string?)element.Attribute("iso-date")}' is not a date (yyyy-mm-dd).");
            return null;
        }
        // A less precise date in the narrative ("1995-09") wins when the iso-date falls within it.
        return PartialDate.TryParse(element.Element("narrative")?.Value.Trim(), out var partial) && partial.FirstDay <= date && date <= partial.LastDay
            ? partial
            : PartialDate.OfDay(date);
    }

    private static List<GeographicScope> ReadScopes(XElement activity, ImportItem item)
    {
        if (activity.Element("activity-scope") is not { } scope)
        {
            return [];
        }
        if ((string?)scope.Attribute(Cp + "scopes") is { } scopes)
        {
            return [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => EnumCodes<GeographicScope>.TryParse(s, out var v) ? v : (GeographicScope?)null).OfType<GeographicScope>()];
        }
        if (int.TryParse((string?)scope.Attribute("code"), CultureInfo.InvariantCulture, out var code) && code is >= 1 and <= 8)
        {
            return [(GeographicScope)Math.Min(code, (int)GeographicScope.SubNational)];
        }
        item.Error("activity-scope/@code", $"'{(string?)scope.Attribute("code")}' is not an IATI activity scope (1 to 8).");
        return [];
    }

    private static List<SdgContribution> ReadSdgs(XElement activity, ImportItem item)
    {
        var goals = new List<(int Goal, bool Primary)>();
        var targets = new List<string>();
        // IATI carries SDGs either as tags (vocabulary 2 goals, 3 targets) or as sectors (vocabulary 7 goals, 8 targets); both are read.
        foreach (var element in activity.Elements("tag").Concat(activity.Elements("sector")))
        {
            var code = ((string?)element.Attribute("code"))?.Trim();
            var vocabulary = (string?)element.Attribute("vocabulary");
            var field = $"{element.Name.LocalName}[@vocabulary={vocabulary}]";
            switch ((element.Name.LocalName, vocabulary))
            {
                case ("tag", TagVocabularySdgGoal) or ("sector", SectorVocabularySdgGoal):
                    if (int.TryParse(code, CultureInfo.InvariantCulture, out var goal) && Sdgs.IsGoal(goal))
                    {
                        var primary = (string?)element.Attribute(Cp + "primary") == "true";
                        var known = goals.FindIndex(g => g.Goal == goal);
                        if (known < 0)
                        {
                            goals.Add((goal, primary));
                        }
                        else
                        {
                            goals[known] = (goal, goals[known].Primary || primary);
                        }
                    }
                    else
                    {
                        item.Error(field, $"'{code}' is not a Sustainable Development Goal.");
                    }
                    break;
                case ("tag", TagVocabularySdgTarget) or ("sector", SectorVocabularySdgTarget):
                    if (Sdgs.GoalOf(code) is null)
                    {
                        item.Error(field, $"'{code}' is not an SDG target.");
                    }
                    else if (!targets.Contains(code!.ToLowerInvariant()))
                    {
                        targets.Add(code.ToLowerInvariant());
                    }
                    break;
            }
        }
        foreach (var goal in targets.Select(t => Sdgs.GoalOf(t)!.Value).Distinct().Where(g => goals.All(x => x.Goal != g)).ToList())
        {
            goals.Add((goal, false));
        }
        if (goals.Count > 0 && !goals.Any(g => g.Primary))
        {
            goals[0] = (goals[0].Goal, true);
            item.Warnings.Add($"No SDG is marked primary (cp:primary); SDG {goals[0].Goal}, the first, is taken as primary.");
        }
        return [.. goals.Select(g => new SdgContribution(g.Goal, g.Primary, [.. targets.Where(t => Sdgs.GoalOf(t) == g.Goal)]))];
    }

    private static List<CountryShare> ReadCountries(XElement activity, ImportItem item) =>
    [
        .. activity.Elements("recipient-country").Select((country, i) =>
        {
            var code = ((string?)country.Attribute("code"))?.Trim();
            if (code is null || !Alpha3ByAlpha2.TryGetValue(code, out var alpha3))
            {
                item.Error($"recipient-country[{i}]/@code", $"'{code}' is not an ISO 3166-1 alpha-2 country code.");
                return null;
            }
            return new CountryShare(alpha3, Percentage(country, $"recipient-country[{i}]", item));
        }).OfType<CountryShare>(),
    ];

    private static List<RegionShare> ReadRegions(XElement activity, ImportItem item) =>
    [
        .. activity.Elements("recipient-region").Select((region, i) =>
        {
            var code = ((string?)region.Attribute("code"))?.Trim();
            if ((string?)region.Attribute("vocabulary") != RegionVocabularyUnM49)
            {
                item.Error($"recipient-region[{i}]/@vocabulary", "Only UN M49 regions (vocabulary 2) can be imported.");
                return null;
            }
            if (!Regions.IsKnown(code))
            {
                item.Error($"recipient-region[{i}]/@code", $"'{code}' is not a UN M49 region code.");
                return null;
            }
            return new RegionShare(code!, Percentage(region, $"recipient-region[{i}]", item));
        }).OfType<RegionShare>(),
    ];

    private static decimal? Percentage(XElement element, string field, ImportItem item)
    {
        if ((string?)element.Attribute("percentage") is not { } text)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var percentage))
        {
            return percentage;
        }
        item.Error($"{field}/@percentage", $"'{text}' is not a number.");
        return null;
    }

    private static List<SectorEntry> ReadSectors(XElement activity, ImportItem item)
    {
        var sectors = new List<SectorEntry>();
        var dacCodes = new List<(string Code, string? Sector)>();
        foreach (var sector in activity.Elements("sector"))
        {
            var code = ((string?)sector.Attribute("code"))?.Trim() ?? "";
            switch ((string?)sector.Attribute("vocabulary") ?? SectorVocabularyDac)
            {
                case SectorVocabularyReportingOrganisation when Vocabularies.Sectors.IsKnown(code):
                    sectors.Add(new SectorEntry(code.ToLowerInvariant(), null));
                    break;
                case SectorVocabularyDac:
                    dacCodes.Add((code, (string?)sector.Attribute(Cp + "sector")));
                    break;
                case SectorVocabularySdgGoal or SectorVocabularySdgTarget:
                    // Read as SDGs.
                    break;
                default:
                    item.Warnings.Add($"Sector '{code}' (vocabulary {(string?)sector.Attribute("vocabulary")}) has no platform sector; it was not imported.");
                    break;
            }
        }
        foreach (var (code, named) in dacCodes)
        {
            var sectorCode = named ?? Vocabularies.Sectors.Terms.FirstOrDefault(t => t.DacCrsCodes.Contains(code))?.Code;
            var index = sectors.FindIndex(s => s.Code == sectorCode);
            if (sectorCode is null)
            {
                item.Warnings.Add($"DAC sector {code} has no platform sector; it was not imported.");
            }
            else if (index < 0)
            {
                sectors.Add(new SectorEntry(sectorCode, code));
            }
            else if (sectors[index].DacCrsCode is null)
            {
                sectors[index] = sectors[index] with { DacCrsCode = code };
            }
        }
        return sectors;
    }

    private static MoneyAmount? ReadBudget(XElement activity, ImportItem item)
    {
        var values = activity.Elements("budget").Select(b => b.Element("value")).OfType<XElement>()
            .Select(v => (Amount: Amount(v, "budget/value", item), Currency: Currency(v, activity)))
            .Where(v => v.Amount is not null)
            .GroupBy(v => v.Currency)
            .ToList();
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            item.Warnings.Add($"Budgets are in several currencies; only the {values[0].Key} ones are imported.");
        }
        return new MoneyAmount(values[0].Sum(v => v.Amount!.Value), values[0].Key);
    }

    private static List<FundingCommitment> ReadCommitments(XElement activity, ImportItem item, InstitutionResolver institutions)
    {
        var commitments = new List<FundingCommitment>();
        var index = 0;
        foreach (var transaction in activity.Elements("transaction"))
        {
            var field = $"transaction[{index++}]";
            if ((string?)transaction.Element("transaction-type")?.Attribute("code") != TransactionIncomingCommitment)
            {
                continue;
            }
            var amount = Amount(transaction.Element("value"), $"{field}/value", item);
            if (transaction.Element("provider-org") is not { } provider)
            {
                item.Error($"{field}/provider-org", "A commitment needs its provider-org, the funder.");
                continue;
            }
            var funder = Resolve(provider, $"{field}/provider-org", item, institutions);
            var dateElement = transaction.Element("transaction-date");
            PartialDate? date = null;
            if (dateElement is not null && !IsPlaceholder(dateElement))
            {
                date = PartialDate.TryParse((string?)dateElement.Attribute(Cp + "date"), out var partial) ? partial
                    : DateOnly.TryParseExact((string?)dateElement.Attribute("iso-date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? PartialDate.OfDay(day) : null;
            }
            if (amount is not null && funder is not null)
            {
                commitments.Add(new FundingCommitment(funder.Value, amount.Value, Currency(transaction.Element("value")!, activity), date));
            }
        }
        return commitments;
    }

    private static List<ProjectResult> ReadResults(XElement activity, ImportItem item) =>
    [
        .. activity.Elements("result").Select((result, i) =>
        {
            var narrative = result.Element("title")?.Elements("narrative").FirstOrDefault();
            if (!int.TryParse((string?)result.Attribute("type"), CultureInfo.InvariantCulture, out var type) || !Enum.IsDefined((ResultType)type))
            {
                item.Warnings.Add($"result[{i}] has type '{(string?)result.Attribute("type")}', not output, outcome or impact; it was not imported.");
                return null;
            }
            return narrative is null ? null : new ProjectResult((ResultType)type, narrative.Value.Trim(), (string?)narrative.Attribute(XmlNs + "lang"));
        }).OfType<ProjectResult>(),
    ];

    private static decimal? Amount(XElement? value, string field, ImportItem item)
    {
        if (value is not null && decimal.TryParse(value.Value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }
        item.Error(field, $"'{value?.Value}' is not an amount.");
        return null;
    }

    private static string Currency(XElement value, XElement activity) =>
        ((string?)value.Attribute("currency") ?? (string?)activity.Attribute("default-currency") ?? "").Trim();

    private static bool IsPlaceholder(XElement element) => (string?)element.Attribute(Cp + "placeholder") == "true";
}
