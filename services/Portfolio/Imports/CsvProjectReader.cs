using System.Globalization;
using System.Runtime.CompilerServices;
using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Apis;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Csv;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Portfolio.Imports;

/// <summary>
/// Reads projects from CSV, one row per project, with a header naming the columns (any order, any case; only <c>title</c> is required).
/// Lists are separated by <c>;</c>, parts of an item by <c>|</c> or <c>:</c> as each column says; see docs/portfolio.md.
/// Errors name the column. Partners and funders are institutions given by id or by exact name or acronym.
/// </summary>
public static class CsvProjectReader
{
    public const int MaxRecordChars = 1024 * 1024;

    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "iatiIdentifier", "title", "summary", "language", "status", "modality", "plannedStart", "plannedEnd", "actualStart", "actualEnd",
        "scopes", "primarySdg", "secondarySdgs", "sdgTargets", "countries", "regions", "cooperationModes", "sectors", "budgetAmount",
        "budgetCurrency", "genderFocus", "originatingEventId", "partners", "commitments", "results",
    ];

    public static async IAsyncEnumerable<ImportItem> ReadAsync(Stream body, InstitutionResolver institutions,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // An unclosed quote's record is read as it runs, to the end of the file, as the portfolio always has; its error is not reported.
        var records = CsvReader.FromUtf8(body, maxRecordLength: MaxRecordChars);
        var header = await Guard(() => records.ReadAsync(cancellationToken))
            ?? throw new RequestValidationException("body", "The file is empty; it needs a header row naming the columns.");
        var columns = Header(header.Fields);
        var index = 0;
        while (await Guard(() => records.ReadAsync(cancellationToken)) is { } record)
        {
            yield return Read(new Row(columns, record.Fields), index++, institutions);
        }
    }

    private static Dictionary<string, int> Header(IReadOnlyList<string> header)
    {
        var errors = new ValidationErrors();
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            var known = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            errors.Require(known is not null, $"header[{i}]", $"'{name}' is not a column; the columns are {string.Join(", ", Columns)}.");
            errors.Require(known is null || columns.TryAdd(known, i), $"header[{i}]", $"'{name}' appears twice.");
        }
        errors.Require(columns.ContainsKey("title"), "header", "The header needs a 'title' column.");
        errors.ThrowIfAny();
        return columns;
    }

    private static ImportItem Read(Row row, int index, InstitutionResolver institutions)
    {
        var item = new ImportItem { Index = index, IatiIdentifier = row["iatiIdentifier"] };
        foreach (var (column, value) in row.All)
        {
            if (TextValidation.ForbiddenCharacter(value, multiline: true) is { } c)
            {
                item.Error(column, TextValidation.Describe(column, c));
            }
        }
        var cells = new Cells(row, item);
        var goals = new List<(int Goal, bool Primary)>();
        if (cells.Parse("primarySdg", s => int.TryParse(s, CultureInfo.InvariantCulture, out var g) ? g : (int?)null, "a goal number") is { } primary)
        {
            goals.Add((primary, true));
        }
        goals.AddRange(cells.Values("secondarySdgs", s => int.TryParse(s, CultureInfo.InvariantCulture, out var g) ? g : (int?)null, "goal numbers")
            .Select(g => (g, false)));
        var targets = cells.List("sdgTargets", s => s.ToLowerInvariant(), "targets").ToList();
        foreach (var orphan in targets.Where(t => Sdgs.GoalOf(t) is { } g && goals.All(x => x.Goal != g)))
        {
            item.Error("sdgTargets", $"Target {orphan} belongs to an SDG not listed in primarySdg or secondarySdgs.");
        }
        foreach (var unknown in targets.Where(t => Sdgs.GoalOf(t) is null))
        {
            item.Error("sdgTargets", $"'{unknown}' is not an SDG target.");
        }

        var partners = cells.List("partners", s =>
        {
            var parts = s.Split('|');
            var roles = parts.Length == 2 ? parts[1].Split('+').Select(r => EnumCodes<PartnerRole>.TryParse(r, out var role) ? role : (PartnerRole?)null).ToList() : [];
            if (parts.Length != 2 || roles.Count == 0 || roles.Any(r => r is null))
            {
                item.Error("partners", $"'{s}' is not 'institution|role+role' with roles among {EnumCodes<PartnerRole>.List}.");
                return null;
            }
            var id = Institution(institutions, parts[0], "partners", item);
            return id is null ? null : new PartnerRoles(id.Value, [.. roles.OfType<PartnerRole>()]);
        }, "partners").ToList();

        var commitments = cells.List("commitments", s =>
        {
            var parts = s.Split('|');
            if (parts.Length is < 3 or > 4 || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                item.Error("commitments", $"'{s}' is not 'institution|amount|currency' or 'institution|amount|currency|date'.");
                return null;
            }
            PartialDate? date = null;
            if (parts.Length == 4 && !string.IsNullOrWhiteSpace(parts[3]))
            {
                if (PartialDate.TryParse(parts[3].Trim(), out var d))
                {
                    date = d;
                }
                else
                {
                    item.Error("commitments", $"'{parts[3]}' is not a date such as 2016 or 2016-03.");
                }
            }
            var id = Institution(institutions, parts[0], "commitments", item);
            return id is null ? null : new FundingCommitment(id.Value, amount, parts[2].Trim(), date);
        }, "commitments").ToList();

        var request = new ProjectRequest
        {
            Id = cells.Parse("id", s => Guid.TryParse(s, out var g) ? g : (Guid?)null, "a GUID"),
            IatiIdentifier = row["iatiIdentifier"],
            Title = row["title"],
            Summary = row["summary"],
            Language = row["language"],
            Status = cells.Parse("status", s => EnumCodes<ProjectStatus>.TryParse(s, out var v) ? v : (ProjectStatus?)null, EnumCodes<ProjectStatus>.List),
            Modality = cells.Parse("modality", s => EnumCodes<ProjectModality>.TryParse(s, out var v) ? v : (ProjectModality?)null, EnumCodes<ProjectModality>.List),
            PlannedStart = cells.Date("plannedStart"),
            PlannedEnd = cells.Date("plannedEnd"),
            ActualStart = cells.Date("actualStart"),
            ActualEnd = cells.Date("actualEnd"),
            Scopes = [.. cells.Values("scopes", s => EnumCodes<GeographicScope>.TryParse(s, out var v) ? v : (GeographicScope?)null, EnumCodes<GeographicScope>.List)],
            Sdgs = [.. goals.Select(g => new SdgContribution(g.Goal, g.Primary, [.. targets.Where(t => Sdgs.GoalOf(t) == g.Goal)]))],
            Countries = [.. cells.List("countries", s => Share(s, (code, p) => new CountryShare(code.ToUpperInvariant(), p)), "CODE or CODE:percentage")],
            Regions = [.. cells.List("regions", s => Share(s, (code, p) => new RegionShare(code, p)), "CODE or CODE:percentage")],
            CooperationModes = [.. cells.List("cooperationModes", s => s, "modes")],
            Sectors = [.. cells.List("sectors", s => s.Split(':') is { Length: <= 2 } p ? new SectorEntry(p[0].Trim(), p.Length == 2 ? p[1].Trim() : null) : null, "sector or sector:DAC code")],
            Budget = cells.Parse("budgetAmount", s => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : (decimal?)null, "an amount") is { } budget
                ? new MoneyAmount(budget, row["budgetCurrency"] ?? "")
                : null,
            GenderFocus = cells.Parse("genderFocus", s => s.ToLowerInvariant() switch { "true" or "yes" => true, "false" or "no" => false, _ => (bool?)null }, "true or false"),
            OriginatingEventId = cells.Parse("originatingEventId", s => Guid.TryParse(s, out var g) ? g : (Guid?)null, "a GUID"),
            Partners = partners,
            Commitments = commitments,
            Results = [.. (row["results"] ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
            {
                var parts = line.Split('|', 2);
                if (parts.Length == 2 && EnumCodes<ResultType>.TryParse(parts[0], out var type))
                {
                    return new ProjectResult(type, parts[1].Trim(), null);
                }
                item.Error("results", $"'{line}' is not 'type|text' with type output, outcome or impact.");
                return null;
            }).OfType<ProjectResult>()],
        };
        return item with { ProjectId = request.Id, Request = request };
    }

    private static Guid? Institution(InstitutionResolver institutions, string reference, string column, ImportItem item)
    {
        var id = institutions.Resolve(reference.Trim(), reference.Trim());
        if (id is null)
        {
            item.UnknownOrganisations.Add(new UnknownOrganisation(null, reference.Trim(), item.Index, column));
            item.Error(column, $"The organisation '{reference.Trim()}' matches no institution known to the portfolio; register it in the directory first.");
        }
        return id;
    }

    private static T? Share<T>(string value, Func<string, decimal?, T> create) where T : class
    {
        var parts = value.Split(':');
        if (parts.Length == 1)
        {
            return create(parts[0].Trim(), null);
        }
        return parts.Length == 2 && decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var percentage)
            ? create(parts[0].Trim(), percentage)
            : null;
    }

    private static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (RecordTooLargeException e)
        {
            throw new RequestValidationException("body", e.Message);
        }
        catch (CsvRecordTooLargeException)
        {
            throw new RequestValidationException("body", RecordTooLargeException.Describe(MaxRecordChars));
        }
    }

    private sealed class Row(Dictionary<string, int> columns, IReadOnlyList<string> fields)
    {
        /// <summary>Every cell under a known column, as read.</summary>
        public IEnumerable<(string Column, string Value)> All =>
            columns.Where(c => c.Value < fields.Count).Select(c => (c.Key, fields[c.Value]));

        public string? this[string column] =>
            columns.TryGetValue(column, out var i) && i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
    }

    private sealed class Cells(Row row, ImportItem item)
    {
        public T? Parse<T>(string column, Func<string, T?> parse, string expected) where T : struct
        {
            if (row[column] is not { } text)
            {
                return null;
            }
            var value = parse(text);
            if (value is null)
            {
                item.Error(column, $"'{text}' is not {expected}.");
            }
            return value;
        }

        public PartialDate? Date(string column) => Parse(column, s => PartialDate.TryParse(s, out var d) ? d : (PartialDate?)null, "a date such as 2020, 1995-09 or 2016-10-17");

        public IEnumerable<T> List<T>(string column, Func<string, T?> parse, string expected) where T : class
        {
            foreach (var part in (row[column] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var value = parse(part);
                if (value is null)
                {
                    item.Error(column, $"'{part}' is not valid: expected {expected}.");
                    continue;
                }
                yield return value;
            }
        }

        public IEnumerable<T> Values<T>(string column, Func<string, T?> parse, string expected) where T : struct
        {
            foreach (var part in (row[column] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var value = parse(part);
                if (value is null)
                {
                    item.Error(column, $"'{part}' is not valid: expected {expected}.");
                    continue;
                }
                yield return value.Value;
            }
        }
    }
}
