using System.Globalization;
using System.Xml;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Model;
using static CooperationPlatform.Portfolio.Iati.IatiCodes;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Writes one project as an IATI 2.03 <c>iati-activity</c>, elements in the order the schema's sequence requires.
/// Where IATI requires an element the source did not report (a description, a date, a status, a participating organisation),
/// the element is written with <c>cp:placeholder="true"</c> so that readers, and our import, can tell it from a reported fact.
/// </summary>
public sealed class IatiActivityWriter(XmlWriter xml, ReportingOrganisationOptions reportingOrganisation, Func<Guid, Institution?> institutions,
    DateOnly today)
{
    private const string NotReported = "Not reported";

    public void WriteActivity(Project project)
    {
        xml.WriteStartElement("iati-activity");
        xml.WriteAttributeString("last-updated-datetime", XmlConvert.ToString(project.UpdatedAt));
        xml.WriteAttributeString("xml", "lang", null, project.Language);
        xml.WriteAttributeString(Prefix, "id", Namespace, project.Id.ToString());

        xml.WriteElementString("iati-identifier", project.IatiIdentifier);
        xml.WriteStartElement("reporting-org");
        xml.WriteAttributeString("ref", reportingOrganisation.Ref);
        xml.WriteAttributeString("type", reportingOrganisation.Type);
        Narrative(reportingOrganisation.Name);
        xml.WriteEndElement();

        xml.WriteStartElement("title");
        Narrative(project.Title);
        foreach (var translation in project.Translations.Where(t => t.Title is not null))
        {
            Narrative(translation.Title!, translation.Language);
        }
        xml.WriteEndElement();

        WriteDescription(project);
        WriteParticipatingOrganisations(project);
        WriteStatus(project);
        WriteDates(project);
        WriteGeography(project);
        WriteSectors(project);
        WriteTags(project);
        if (project.GenderFocus is { } gender)
        {
            xml.WriteStartElement("policy-marker");
            xml.WriteAttributeString("vocabulary", PolicyMarkerVocabularyOecdDac);
            xml.WriteAttributeString("code", PolicyMarkerGenderEquality);
            // Significance 1: gender equality is a significant objective; 0: not targeted.
            xml.WriteAttributeString("significance", gender ? "1" : "0");
            xml.WriteEndElement();
        }
        if (project.Modality is { } modality)
        {
            xml.WriteStartElement("collaboration-type");
            xml.WriteAttributeString("code", CollaborationType(modality));
            xml.WriteAttributeString(Prefix, "modality", Namespace, modality.ToCode());
            xml.WriteEndElement();
        }
        WriteBudget(project);
        WriteCommitments(project);
        WriteResults(project);
        WriteExtensions(project);
        xml.WriteEndElement();
    }

    private void WriteDescription(Project project)
    {
        xml.WriteStartElement("description");
        xml.WriteAttributeString("type", DescriptionGeneral);
        var translated = project.Translations.Where(t => t.Summary is not null).ToList();
        if (project.Summary is null && translated.Count == 0)
        {
            Placeholder();
            Narrative(NotReported);
        }
        else
        {
            if (project.Summary is not null)
            {
                Narrative(project.Summary);
            }
            foreach (var translation in translated)
            {
                Narrative(translation.Summary!, translation.Language);
            }
        }
        xml.WriteEndElement();
    }

    private void WriteParticipatingOrganisations(Project project)
    {
        var written = 0;
        foreach (var partner in project.CurrentPartners)
        {
            var institution = institutions(partner.InstitutionId);
            foreach (var code in partner.Roles.Select(RoleCode).OfType<string>())
            {
                xml.WriteStartElement("participating-org");
                if (institution is not null)
                {
                    xml.WriteAttributeString("type", OrganisationType(institution.Type));
                }
                xml.WriteAttributeString("role", code);
                xml.WriteAttributeString(Prefix, "institution-id", Namespace, partner.InstitutionId.ToString());
                Narrative(institution?.Name ?? partner.InstitutionId.ToString());
                xml.WriteEndElement();
                written++;
            }
        }
        if (written == 0)
        {
            xml.WriteStartElement("participating-org");
            xml.WriteAttributeString("role", RoleCode(PartnerRole.Implementing));
            Placeholder();
            Narrative(NotReported);
            xml.WriteEndElement();
        }
    }

    private void WriteStatus(Project project)
    {
        xml.WriteStartElement("activity-status");
        if (project.Status is { } status)
        {
            xml.WriteAttributeString("code", ((int)status).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            var start = (project.ActualStart ?? project.PlannedStart)?.FirstDay;
            var end = (project.ActualEnd ?? project.PlannedEnd)?.LastDay;
            xml.WriteAttributeString("code", ((int)StatusFromDates(start, end, today)).ToString(CultureInfo.InvariantCulture));
            Placeholder();
        }
        xml.WriteEndElement();
    }

    private void WriteDates(Project project)
    {
        var dates = new (string Type, PartialDate? Date, bool IsEnd)[]
        {
            (PlannedStart, project.PlannedStart, false),
            (ActualStart, project.ActualStart, false),
            (PlannedEnd, project.PlannedEnd, true),
            (ActualEnd, project.ActualEnd, true),
        };
        foreach (var (type, date, isEnd) in dates)
        {
            if (date is { } d)
            {
                xml.WriteStartElement("activity-date");
                xml.WriteAttributeString("type", type);
                xml.WriteAttributeString("iso-date", IsoDate(isEnd ? d.LastDay : d.FirstDay));
                if (d.Day is null)
                {
                    // IATI: "the narrative may contain text for less specific dates such as month, quarter, or year".
                    Narrative(d.ToString());
                }
                xml.WriteEndElement();
            }
        }
        if (dates.All(d => d.Date is null))
        {
            xml.WriteStartElement("activity-date");
            xml.WriteAttributeString("type", PlannedStart);
            xml.WriteAttributeString("iso-date", IsoDate(DateOnly.FromDateTime(project.CreatedAt.UtcDateTime)));
            Placeholder();
            Narrative(NotReported);
            xml.WriteEndElement();
        }
    }

    private void WriteGeography(Project project)
    {
        if (project.Scopes.Count > 0)
        {
            xml.WriteStartElement("activity-scope");
            xml.WriteAttributeString("code", ((int)project.Scopes.Min()).ToString(CultureInfo.InvariantCulture));
            if (project.Scopes.Count > 1)
            {
                xml.WriteAttributeString(Prefix, "scopes", Namespace, string.Join(' ', project.Scopes.Select(s => s.ToCode())));
            }
            xml.WriteEndElement();
        }
        foreach (var share in project.Countries)
        {
            xml.WriteStartElement("recipient-country");
            xml.WriteAttributeString("code", Countries.TryGet(share.Country, out var country) ? country.Alpha2 : share.Country);
            Percentage(share.Percentage);
            xml.WriteEndElement();
        }
        foreach (var share in project.Regions)
        {
            xml.WriteStartElement("recipient-region");
            xml.WriteAttributeString("code", share.Region);
            xml.WriteAttributeString("vocabulary", RegionVocabularyUnM49);
            Percentage(share.Percentage);
            xml.WriteEndElement();
        }
    }

    private void WriteSectors(Project project)
    {
        foreach (var sector in project.Sectors)
        {
            xml.WriteStartElement("sector");
            xml.WriteAttributeString("vocabulary", SectorVocabularyReportingOrganisation);
            xml.WriteAttributeString("vocabulary-uri", SectorVocabularyUri);
            xml.WriteAttributeString("code", sector.Code);
            Narrative(Vocabularies.Sectors.TryGet(sector.Code, out var term) ? term.Label : sector.Code);
            xml.WriteEndElement();
        }
        foreach (var sector in project.Sectors.Where(s => s.DacCrsCode is not null))
        {
            xml.WriteStartElement("sector");
            xml.WriteAttributeString("vocabulary", SectorVocabularyDac);
            xml.WriteAttributeString("code", sector.DacCrsCode);
            xml.WriteAttributeString(Prefix, "sector", Namespace, sector.Code);
            xml.WriteEndElement();
        }
    }

    private void WriteTags(Project project)
    {
        foreach (var sdg in project.Sdgs)
        {
            xml.WriteStartElement("tag");
            xml.WriteAttributeString("vocabulary", TagVocabularySdgGoal);
            xml.WriteAttributeString("code", sdg.Goal.ToString(CultureInfo.InvariantCulture));
            if (sdg.Primary)
            {
                xml.WriteAttributeString(Prefix, "primary", Namespace, "true");
            }
            xml.WriteEndElement();
        }
        foreach (var target in project.Sdgs.SelectMany(s => s.Targets))
        {
            xml.WriteStartElement("tag");
            xml.WriteAttributeString("vocabulary", TagVocabularySdgTarget);
            xml.WriteAttributeString("code", target);
            xml.WriteEndElement();
        }
        foreach (var mode in project.CooperationModes)
        {
            xml.WriteStartElement("tag");
            xml.WriteAttributeString("vocabulary", TagVocabularyReportingOrganisation);
            xml.WriteAttributeString("vocabulary-uri", CooperationModeVocabularyUri);
            xml.WriteAttributeString("code", mode);
            Narrative(Vocabularies.CooperationModes.TryGet(mode, out var term) ? term.Label : mode);
            xml.WriteEndElement();
        }
    }

    private void WriteBudget(Project project)
    {
        if (project.Budget is not { } budget)
        {
            return;
        }
        var start = (project.ActualStart ?? project.PlannedStart)?.FirstDay;
        var end = (project.ActualEnd ?? project.PlannedEnd)?.LastDay;
        var fallback = DateOnly.FromDateTime(project.CreatedAt.UtcDateTime);
        xml.WriteStartElement("budget");
        PeriodDate("period-start", start ?? fallback, start is null);
        PeriodDate("period-end", end ?? start ?? fallback, end is null);
        Value(budget.Amount, budget.Currency, start ?? fallback);
        xml.WriteEndElement();
    }

    private void WriteCommitments(Project project)
    {
        foreach (var commitment in project.Commitments)
        {
            var date = commitment.Date?.FirstDay;
            var fallback = (project.ActualStart ?? project.PlannedStart)?.FirstDay ?? DateOnly.FromDateTime(project.CreatedAt.UtcDateTime);
            xml.WriteStartElement("transaction");
            xml.WriteStartElement("transaction-type");
            xml.WriteAttributeString("code", TransactionIncomingCommitment);
            xml.WriteEndElement();
            xml.WriteStartElement("transaction-date");
            xml.WriteAttributeString("iso-date", IsoDate(date ?? fallback));
            if (commitment.Date is { Day: null } partial)
            {
                xml.WriteAttributeString(Prefix, "date", Namespace, partial.ToString());
            }
            if (date is null)
            {
                Placeholder();
            }
            xml.WriteEndElement();
            Value(commitment.Amount, commitment.Currency, date ?? fallback);
            var institution = institutions(commitment.InstitutionId);
            xml.WriteStartElement("provider-org");
            if (institution is not null)
            {
                xml.WriteAttributeString("type", OrganisationType(institution.Type));
            }
            xml.WriteAttributeString(Prefix, "institution-id", Namespace, commitment.InstitutionId.ToString());
            Narrative(institution?.Name ?? commitment.InstitutionId.ToString());
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
    }

    private void WriteResults(Project project)
    {
        foreach (var result in project.Results)
        {
            xml.WriteStartElement("result");
            xml.WriteAttributeString("type", ((int)result.Type).ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("title");
            Narrative(result.Text, result.Language);
            xml.WriteEndElement();
            // IATI requires an indicator; a narrative result has a qualitative one saying the same.
            xml.WriteStartElement("indicator");
            xml.WriteAttributeString("measure", IndicatorMeasureQualitative);
            xml.WriteStartElement("title");
            Narrative(result.Text, result.Language);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
    }

    /// <summary>What IATI has no element for: triangular roles, the originating event, a project with no status reported.</summary>
    private void WriteExtensions(Project project)
    {
        foreach (var partner in project.CurrentPartners)
        {
            foreach (var role in partner.Roles.Where(IsTriangular))
            {
                xml.WriteStartElement(Prefix, "triangular-role", Namespace);
                xml.WriteAttributeString("institution-id", partner.InstitutionId.ToString());
                xml.WriteAttributeString("role", role.ToCode());
                xml.WriteAttributeString("name", institutions(partner.InstitutionId)?.Name ?? "");
                xml.WriteEndElement();
            }
        }
        if (project.OriginatingEventId is { } eventId)
        {
            xml.WriteStartElement(Prefix, "originating-event", Namespace);
            xml.WriteAttributeString("id", eventId.ToString());
            xml.WriteEndElement();
        }
    }

    private void PeriodDate(string element, DateOnly date, bool placeholder)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("iso-date", IsoDate(date));
        if (placeholder)
        {
            Placeholder();
        }
        xml.WriteEndElement();
    }

    private void Value(decimal amount, string currency, DateOnly valueDate)
    {
        xml.WriteStartElement("value");
        xml.WriteAttributeString("currency", currency);
        xml.WriteAttributeString("value-date", IsoDate(valueDate));
        xml.WriteString(amount.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private void Percentage(decimal? percentage)
    {
        if (percentage is { } p)
        {
            xml.WriteAttributeString("percentage", p.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void Placeholder() => xml.WriteAttributeString(Prefix, "placeholder", Namespace, "true");

    private void Narrative(string text, string? language = null)
    {
        xml.WriteStartElement("narrative");
        if (language is not null)
        {
            xml.WriteAttributeString("xml", "lang", null, language);
        }
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
