using CooperationPlatform.Portfolio.Apis;

namespace CooperationPlatform.Portfolio.Imports;

public enum ImportMode
{
    /// <summary>Checks every record and reports what a commit would do; changes nothing.</summary>
    DryRun,

    /// <summary>Upserts the valid records in one transaction once the whole file has been read; invalid records are skipped and reported.</summary>
    Commit,
}

public enum ImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

/// <summary>One record of an import file, parsed: the project it describes, or why it cannot be read.</summary>
public sealed record ImportItem
{
    /// <summary>Position in the file, from 0 (the CSV header is not counted).</summary>
    public required int Index { get; init; }

    public string? IatiIdentifier { get; init; }
    public Guid? ProjectId { get; init; }
    public ProjectRequest? Request { get; init; }
    public Dictionary<string, List<string>> Errors { get; init; } = [];
    public List<string> Warnings { get; init; } = [];
    public List<UnknownOrganisation> UnknownOrganisations { get; init; } = [];

    public ImportItem Error(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }
}

/// <summary>An organisation named in a file that matches no institution of the portfolio's replica, and where it was named.</summary>
public sealed record UnknownOrganisation(string? Ref, string? Name, int Index, string Field);

public sealed record ImportItemResult(
    int Index,
    string? IatiIdentifier,
    Guid? ProjectId,
    ImportOutcome Outcome,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<string> Warnings);

/// <summary>
/// What an import did (or, in a dry run, would do). Counts cover every record; <see cref="Items"/> lists failed records and records
/// with warnings first, then the others, up to <see cref="ImportReportBuilder.MaxItems"/>.
/// </summary>
public sealed record ImportReport(
    ImportMode Mode,
    int Records,
    int Created,
    int Updated,
    int Unchanged,
    int Failed,
    IReadOnlyList<ImportItemResult> Items,
    bool ItemsTruncated,
    IReadOnlyList<UnknownOrganisation> UnknownOrganisations);

public sealed class ImportReportBuilder(ImportMode mode)
{
    public const int MaxItems = 1000;
    private readonly List<ImportItemResult> _items = [];
    private readonly List<UnknownOrganisation> _unknown = [];
    private readonly int[] _counts = new int[Enum.GetValues<ImportOutcome>().Length];
    private bool _truncated;

    public void Add(ImportItem item, ImportOutcome outcome, Guid? projectId, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        _counts[(int)outcome]++;
        foreach (var unknown in item.UnknownOrganisations.Where(_ => _unknown.Count < MaxItems))
        {
            _unknown.Add(unknown);
        }
        var result = new ImportItemResult(item.Index, item.IatiIdentifier, projectId, outcome,
            errors ?? item.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), item.Warnings);
        if (_items.Count < MaxItems)
        {
            _items.Add(result);
        }
        else
        {
            _truncated = true;
        }
    }

    public ImportReport Build() => new(mode, _counts.Sum(), _counts[(int)ImportOutcome.Created], _counts[(int)ImportOutcome.Updated],
        _counts[(int)ImportOutcome.Unchanged], _counts[(int)ImportOutcome.Failed],
        [.. _items.OrderBy(i => i.Outcome == ImportOutcome.Failed ? 0 : i.Warnings.Count > 0 ? 1 : 2).ThenBy(i => i.Index)], _truncated, _unknown);
}
