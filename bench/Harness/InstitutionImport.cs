using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Bench;

/// <summary>Institutions with random seats, sectors, SDGs and roles, created in one CSV import through the gateway.</summary>
public static class InstitutionImport
{
    public static readonly string[] Types =
    [
        "ministry-or-government-agency", "research-or-training-centre", "un-agency-or-centre", "private-sector-organization",
        "financial-institution", "ngo-or-academia", "city-or-local-government",
    ];

    public static readonly string[] Roles = ["funding", "accountable", "extending", "implementing", "beneficiary", "pivotal", "facilitating"];

    /// <summary>Countries inside an M49 region (Antarctica is in none), so a region filter can find them.</summary>
    public static IReadOnlyList<Country> Countries { get; } = [.. Contracts.Reference.Countries.All.Where(c => c.RegionCode.Length > 0)];

    public static IReadOnlyList<string> Sectors { get; } = [.. Vocabularies.Sectors.Terms.Select(t => t.Code)];
    public static IReadOnlyList<string> CooperationModes { get; } = [.. Vocabularies.CooperationModes.Terms.Select(t => t.Code)];

    public static T[] Pick<T>(this Random random, IReadOnlyList<T> pool, int min, int max) =>
        [.. Enumerable.Range(0, pool.Count).OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)).Select(i => pool[i])];

    public static int[] Sdgs(this Random random, int min, int max) => random.Pick([.. Enumerable.Range(1, 17)], min, max);

    /// <summary>Creates <paramref name="count"/> institutions named "<paramref name="namePrefix"/> n"; returns their ids and how long the import took.</summary>
    public static async Task<(Guid[] Ids, TimeSpan Elapsed)> ImportAsync(HttpClient writer, int count, string namePrefix, int seed,
        CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        var csv = new StringBuilder("id,name,acronym,type,country,city,sectors,sdgs,roles,operatingRegions,foundedYear,description\n");
        for (var i = 0; i < count; i++)
        {
            var country = Countries[random.Next(Countries.Count)];
            var sectors = random.Pick(Sectors, 1, 3);
            csv.Append(CultureInfo.InvariantCulture, $"{ids[i]},\"{namePrefix} {i}\",BI{i},{Types[random.Next(Types.Length)]},{country.Alpha3},")
                .Append(CultureInfo.InvariantCulture, $"City {random.Next(500)},{string.Join(';', sectors)},{string.Join(';', random.Sdgs(1, 3))},")
                .Append(CultureInfo.InvariantCulture, $"{string.Join(';', random.Pick(Roles, 1, 2))},{country.RegionCode},{1950 + random.Next(70)},")
                .Append(CultureInfo.InvariantCulture, $"\"Cooperation centre for {string.Join(" and ", sectors.Select(s => s.Replace('-', ' ')))} in {country.Name.Replace("\"", "\"\"")}\"\n");
        }
        var clock = Stopwatch.StartNew();
        using var response = await writer.PostAsync("/api/directory/v1/institutions/import?mode=commit",
            new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Institution import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }
        var report = JsonSerializer.Deserialize<JsonElement>(body);
        var created = report.GetProperty("created").GetInt32();
        if (created != count)
        {
            var invalid = report.GetProperty("results").EnumerateArray().FirstOrDefault(r => r.GetProperty("outcome").GetString() != "created");
            throw new InvalidOperationException($"Institution import created {created} of {count}; first other row: {invalid}");
        }
        return (ids, clock.Elapsed);
    }
}
