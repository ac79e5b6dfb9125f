using System.Globalization;
using System.Security.Claims;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Directory.Application;
using CooperationPlatform.ServiceDefaults.Csv;
using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CooperationPlatform.Directory.Apis;

/// <summary>
/// Bulk import of institutions from CSV (<c>text/csv</c>, UTF-8, a header row). Columns, in any order, by their JSON names:
/// name and type (required), id, acronym, status, country, city, website, sectors, sdgs, roles, operatingCountries,
/// operatingRegions, foundedYear, description, historyNote. Lists are separated by semicolons; enum values are spelt as in JSON.
/// </summary>
public static class ImportApi
{
    public const long MaxBodyBytes = 16 * 1024 * 1024;
    public const int MaxRows = 50_000;
    public const int MaxFieldLength = 20_000;

    private static readonly string[] Columns =
    [
        "id", "name", "acronym", "type", "status", "country", "city", "website", "sectors", "sdgs", "roles", "operatingCountries",
        "operatingRegions", "foundedYear", "description", "historyNote",
    ];

    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/institutions/import", Import)
            .WithTags("Institutions")
            .WithName("import-institutions")
            .WithSummary("Imports institutions from CSV: mode=dry-run reports per-row errors and outcomes; mode=commit creates the valid new rows. " +
                "Idempotent on name and country. At most 16 MiB and 50,000 rows.")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .RequireAuthorization(PlatformScopes.DirectoryWrite);
        return api;
    }

    public static async Task<Ok<ImportReport>> Import(string? mode, HttpRequest request, InstitutionImport import, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var commit = mode switch
        {
            "commit" => true,
            "dry-run" or null => false,
            _ => throw new RequestValidationException("mode", "mode is dry-run (the default) or commit."),
        };
        var rows = new List<ImportRowResult>();
        var candidates = new List<ImportCandidate>();
        string[]? header = null;
        await foreach (var record in CsvReader.FromUtf8(request.Body, MaxFieldLength).ReadAllAsync(cancellationToken))
        {
            if (header is null)
            {
                header = ReadHeader(record);
                continue;
            }
            var row = rows.Count + candidates.Count + 1;
            if (row > MaxRows)
            {
                throw new RequestValidationException("body", $"The file has more than {MaxRows} rows; split it.");
            }
            var (candidate, invalid) = ReadRow(row, record, header);
            if (candidate is not null)
            {
                candidates.Add(candidate);
            }
            else
            {
                rows.Add(invalid!);
            }
        }
        if (header is null)
        {
            throw new RequestValidationException("body", "The file is empty; it needs a header row.");
        }
        rows.AddRange(await import.ApplyAsync(candidates, commit, user.GetClientId(), cancellationToken));
        rows.Sort((a, b) => a.Row.CompareTo(b.Row));
        return TypedResults.Ok(new ImportReport(
            commit ? "commit" : "dry-run",
            rows.Count,
            rows.Count(r => r.Outcome is ImportOutcome.Created or ImportOutcome.WouldCreate),
            rows.Count(r => r.Outcome == ImportOutcome.Existing),
            rows.Count(r => r.Outcome == ImportOutcome.Invalid),
            rows));
    }

    private static string[] ReadHeader(CsvRecord record)
    {
        var errors = new ValidationErrors();
        var header = new string[record.Fields.Count];
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var name = record.Fields[i].Trim().TrimStart('\uFEFF');
            header[i] = Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? "";
            errors.Require(header[i].Length > 0, $"header[{i}]", $"'{name}' is not a column; use {string.Join(", ", Columns)}.");
        }
        errors.Require(header.Contains("name") && header.Contains("type"), "header", "The header needs at least the name and type columns.")
            .Require(header.Distinct().Count() == header.Length, "header", "A column appears twice.")
            .ThrowIfAny();
        return header;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static (ImportCandidate? Candidate, ImportRowResult? Invalid) ReadRow(int row, CsvRecord record, string[] header)
    {
        if (record.Error is not null || record.Fields.Count != header.Length)
        {
            var error = record.Error ?? $"The row has {record.Fields.Count} fields; the header has {header.Length}.";
            return (null, new ImportRowResult(row, record.Line, ImportOutcome.Invalid, null, null, new Dictionary<string, string[]> { ["row"] = [error] }));
        }
        var values = header.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second.Trim());
        var errors = new ValidationErrors();
        foreach (var (column, value) in values)
        {
            errors.PlainText(column, value, multiline: true);
        }
        string? Text(string column) => values.GetValueOrDefault(column) is { Length: > 0 } value ? value : null;
        IReadOnlyList<string>? Strings(string column) => Text(column)?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        T? One<T>(string column, TryParse<T> parse) where T : struct
        {
            if (Text(column) is not { } text)
            {
                return null;
            }
            var ok = parse(text, out var value);
            errors.Require(ok, column, $"'{text}' is not a valid {column}.");
            return ok ? value : null;
        }

        List<T>? Many<T>(string column, TryParse<T> parse)
        {
            var items = Strings(column);
            var parsed = new List<T>();
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                var ok = parse(items![i], out var value);
                errors.Require(ok, $"{column}[{i}]", $"'{items[i]}' is not a valid value of {column}.");
                parsed.Add(value);
            }
            return items is null ? null : parsed;
        }

        static bool Number(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        var request = new CreateInstitutionRequest
        {
            Id = One<Guid>("id", Guid.TryParse),
            Name = Text("name"),
            Acronym = Text("acronym"),
            Type = One<InstitutionType>("type", EnumCodes<InstitutionType>.TryParse),
            Status = One<InstitutionStatus>("status", EnumCodes<InstitutionStatus>.TryParse),
            Country = Text("country"),
            City = Text("city"),
            Website = Text("website"),
            Sectors = Strings("sectors"),
            Sdgs = Many<int>("sdgs", Number),
            Roles = Many<PartnerRole>("roles", EnumCodes<PartnerRole>.TryParse),
            OperatingCountries = Strings("operatingCountries"),
            OperatingRegions = Strings("operatingRegions"),
            FoundedYear = One<int>("foundedYear", Number),
            Description = Text("description"),
            HistoryNote = Text("historyNote"),
        };
        try
        {
            return (new ImportCandidate(row, record.Line, request.Id, request.ToDetails(errors)), null);
        }
        catch (RequestValidationException e)
        {
            return (null, new ImportRowResult(row, record.Line, ImportOutcome.Invalid, request.Id, request.Name, e.Errors));
        }
    }
}

/// <summary>
/// What an import did (commit) or would do (dry-run): per row (numbered from 1 after the header, with its line in the file), the
/// outcome (would-create, created, existing or invalid), the institution id, and the errors by column.
/// </summary>
public sealed record ImportReport(string Mode, int Rows, int Created, int Existing, int Invalid, IReadOnlyList<ImportRowResult> Results);
