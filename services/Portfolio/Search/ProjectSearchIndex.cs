using System.Numerics;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Contracts.Reference;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// The facet side of search, in memory: every project's facet values as small numbers, so that filtering and counting all
/// projects takes a few milliseconds. The database stays the source of truth; <see cref="SearchIndexRefresher"/> loads the
/// index at start-up and follows changes made by other instances, and this instance's own writes update it at once.
/// Full text is matched by PostgreSQL (<see cref="ProjectTextSearch"/>) and intersected here.
/// </summary>
public sealed class ProjectSearchIndex(InstitutionNumbers institutions)
{
    private const int InstitutionFacetSize = 25;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, SearchDocument> _byId = [];
    private SearchDocument[]? _ordered = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InstitutionNumbers Institutions => institutions;

    /// <summary>Completes once the index holds every project of the database.</summary>
    public Task Ready => _ready.Task;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public void MarkReady() => _ready.TrySetResult();

    public void Upsert(IEnumerable<Project> projects)
    {
        foreach (var project in projects)
        {
            Upsert(SearchDocument.From(project, institutions));
        }
    }

    /// <summary>Adds or replaces a project's document; the version held or an older one is ignored (the order is kept).</summary>
    public void Upsert(SearchDocument document)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(document.Id, out var held) && held.Version >= document.Version)
            {
                return;
            }
            _byId[document.Id] = document;
            _ordered = null;
        }
    }

    /// <summary>True when the index lacks the project or holds an older version of it.</summary>
    public bool IsBehind(Guid id, long version)
    {
        lock (_gate)
        {
            return !_byId.TryGetValue(id, out var held) || held.Version < version;
        }
    }

    public bool TryGet(Guid id, out SearchDocument document)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out document!);
        }
    }

    public ProjectSearchResponse Search(SearchFilter filter, IReadOnlyDictionary<Guid, double>? textRanks)
    {
        var documents = Ordered();
        var matcher = new Matcher(filter, institutions);
        var counter = new FacetCounter(institutions.Count);
        var page = filter.Page;
        var items = new List<ProjectSummary>(page.PageSize);
        var ranked = textRanks is null ? null : new List<(SearchDocument Document, double Rank)>();
        var count = 0;
        foreach (var document in documents)
        {
            double rank = 0;
            if ((textRanks is not null && !textRanks.TryGetValue(document.Id, out rank)) || !matcher.Matches(document))
            {
                continue;
            }
            counter.Add(document);
            if (ranked is not null)
            {
                ranked.Add((document, rank));
            }
            else if (count >= page.Skip && items.Count < page.PageSize)
            {
                items.Add(Summarize(document));
            }
            count++;
        }
        if (ranked is not null)
        {
            items.AddRange(ranked
                .OrderByDescending(r => r.Rank).ThenBy(r => r.Document.Id)
                .Skip(page.Skip).Take(page.PageSize)
                .Select(r => Summarize(r.Document)));
        }
        return new ProjectSearchResponse(page.PageIndex, page.PageSize, count, items, counter.ToFacets(institutions));
    }

    /// <summary>Projects sharing the most SDGs, sectors, countries and partners with <paramref name="id"/>, each with what it shares.</summary>
    public IReadOnlyList<SimilarProject> Similar(Guid id, int limit)
    {
        if (!TryGet(id, out var target))
        {
            throw new NotFoundException("Project", id);
        }
        var best = new PriorityQueue<SearchDocument, (int Score, Guid Id)>(Comparer<(int Score, Guid Id)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Id.CompareTo(a.Id)));
        foreach (var candidate in Ordered())
        {
            if (candidate.Id == id)
            {
                continue;
            }
            var score = Similarity.Score(target, candidate);
            if (score == 0)
            {
                continue;
            }
            best.Enqueue(candidate, (score, candidate.Id));
            if (best.Count > limit)
            {
                best.Dequeue();
            }
        }
        var results = new List<SimilarProject>(best.Count);
        while (best.TryDequeue(out var document, out var key))
        {
            results.Add(new SimilarProject(Summarize(document), key.Score, Similarity.Reasons(target, document, institutions)));
        }
        results.Reverse();
        return results;
    }

    public static ProjectSummary Summarize(SearchDocument d) => new(
        d.Id, d.Title, d.Status, d.Modality, d.PrimarySdg,
        [.. Enumerable.Range(1, 17).Where(g => (d.SdgMask & (1 << g)) != 0)],
        d.Countries, d.Regions, d.Start, d.End);

    private SearchDocument[] Ordered()
    {
        var ordered = Volatile.Read(ref _ordered);
        if (ordered is not null)
        {
            return ordered;
        }
        lock (_gate)
        {
            return _ordered ??= [.. _byId.Values.OrderBy(d => d.Title, StringComparer.InvariantCultureIgnoreCase).ThenBy(d => d.Id)];
        }
    }

    private sealed class Matcher
    {
        private readonly SearchFilter _filter;
        private readonly HashSet<int>? _funders;
        private readonly HashSet<int>? _partners;

        public Matcher(SearchFilter filter, InstitutionNumbers institutions)
        {
            _filter = filter;
            _funders = Numbers(filter.Funders, institutions);
            _partners = Numbers(filter.Partners, institutions);
        }

        public bool Matches(SearchDocument d)
        {
            var f = _filter;
            return (f.SdgMask is not { } sdgs || (f.PrimarySdgOnly ? d.PrimarySdg is { } p && (sdgs & (1 << p)) != 0 : (d.SdgMask & sdgs) != 0))
                && (f.Statuses is null || (d.Status is { } s && f.Statuses.Contains((int)s)))
                && (f.Modalities is null || (d.Modality is { } m && f.Modalities.Contains((int)m)))
                && (f.GroupingMask is not { } groupings || (d.GroupingMask & groupings) != 0)
                && AnyOf(f.Countries, d.CountryIds)
                && AnyOf(f.Regions, d.RegionIds)
                && AnyOf(f.Modes, d.ModeIds)
                && AnyOf(f.Sectors, d.SectorIds)
                && AnyOf(_funders, d.FunderIds)
                && AnyOf(_partners, d.PartnerIds)
                && Overlaps(d);
        }

        private bool Overlaps(SearchDocument d)
        {
            if (_filter.YearFrom is null && _filter.YearTo is null)
            {
                return true;
            }
            if (d.StartYear is null && d.EndYear is null)
            {
                return false;
            }
            var start = d.StartYear ?? d.EndYear!.Value;
            var end = d.EndYear ?? int.MaxValue;
            return (_filter.YearFrom is not { } from || end >= from) && (_filter.YearTo is not { } to || start <= to);
        }

        private static HashSet<int>? Numbers(IReadOnlyList<Guid>? ids, InstitutionNumbers institutions) =>
            ids is null ? null : [.. ids.Select(id => institutions.TryGetNumber(id, out var n) ? n : -1)];

        private static bool AnyOf<T>(HashSet<int>? accepted, T[] values) where T : IBinaryInteger<T>
        {
            if (accepted is null)
            {
                return true;
            }
            foreach (var value in values)
            {
                if (accepted.Contains(int.CreateTruncating(value)))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private sealed class FacetCounter(int institutionCount)
    {
        private readonly int[] _countries = new int[FacetCodes.CountryCodes.Count];
        private readonly int[] _regions = new int[FacetCodes.RegionCodes.Count];
        private readonly int[] _groupings = new int[FacetCodes.Groupings.Count];
        private readonly int[] _sdgs = new int[18];
        private readonly int[] _primarySdgs = new int[18];
        private readonly int[] _modalities = new int[Enum.GetValues<ProjectModality>().Length];
        private readonly int[] _modes = new int[FacetCodes.ModeCodes.Count];
        private readonly int[] _statuses = new int[7];
        private readonly int[] _sectors = new int[FacetCodes.SectorCodes.Count];
        private readonly Dictionary<int, int> _startYears = [];
        private int[] _funders = new int[institutionCount];
        private int[] _partners = new int[institutionCount];

        public void Add(SearchDocument d)
        {
            Count(_countries, d.CountryIds);
            Count(_regions, d.RegionIds);
            Count(_modes, d.ModeIds);
            Count(_sectors, d.SectorIds);
            CountInstitutions(ref _funders, d.FunderIds);
            CountInstitutions(ref _partners, d.PartnerIds);
            for (var mask = d.SdgMask; mask != 0; mask &= mask - 1)
            {
                _sdgs[BitOperations.TrailingZeroCount(mask)]++;
            }
            for (var mask = d.GroupingMask; mask != 0; mask &= mask - 1)
            {
                _groupings[BitOperations.TrailingZeroCount(mask)]++;
            }
            if (d.PrimarySdg is { } primary)
            {
                _primarySdgs[primary]++;
            }
            if (d.Modality is { } modality)
            {
                _modalities[(int)modality]++;
            }
            if (d.Status is { } status)
            {
                _statuses[(int)status]++;
            }
            if (d.StartYear is { } year)
            {
                _startYears[year] = _startYears.GetValueOrDefault(year) + 1;
            }
        }

        public SearchFacets ToFacets(InstitutionNumbers institutions) => new(
            Values(_countries, i => FacetCodes.CountryCodes[i], i => Countries.TryGet(FacetCodes.CountryCodes[i], out var c) ? c.Name : ""),
            Values(_regions, i => FacetCodes.RegionCodes[i], i => Regions.TryGet(FacetCodes.RegionCodes[i], out var r) ? r.Name : ""),
            Values(_groupings, i => FacetCodes.Groupings[i].ToCode(), i => FacetCodes.Groupings[i].ToCode().ToUpperInvariant()),
            Values(_sdgs, i => $"{i}", SdgLabel),
            Values(_primarySdgs, i => $"{i}", SdgLabel),
            Values(_modalities, i => ((ProjectModality)i).ToCode(), i => ((ProjectModality)i).ToCode()),
            Values(_modes, i => FacetCodes.ModeCodes[i], i => Vocabularies.CooperationModes.Terms[i].Label),
            Values(_statuses, i => ((ProjectStatus)i).ToCode(), i => ((ProjectStatus)i).ToCode()),
            Values(_funders, i => institutions.Get(i).Id.ToString(), i => institutions.Get(i).Name ?? "", InstitutionFacetSize),
            Values(_partners, i => institutions.Get(i).Id.ToString(), i => institutions.Get(i).Name ?? "", InstitutionFacetSize),
            Values(_sectors, i => FacetCodes.SectorCodes[i], i => Vocabularies.Sectors.Terms[i].Label),
            [.. _startYears.OrderByDescending(y => y.Value).ThenBy(y => y.Key).Select(y => new FacetValue($"{y.Key}", $"{y.Key}", y.Value))]);

        private static string SdgLabel(int goal) => Sdgs.TryGet(goal, out var g) ? $"{goal} - {g.Name}" : $"{goal}";

        private static void Count<T>(int[] counts, T[] values) where T : IBinaryInteger<T>
        {
            foreach (var value in values)
            {
                counts[int.CreateTruncating(value)]++;
            }
        }

        private static void CountInstitutions(ref int[] counts, int[] numbers)
        {
            foreach (var number in numbers)
            {
                // An institution numbered after the search started.
                if (number >= counts.Length)
                {
                    Array.Resize(ref counts, number + 1);
                }
                counts[number]++;
            }
        }

        private static List<FacetValue> Values(int[] counts, Func<int, string> value, Func<int, string> label, int limit = int.MaxValue)
        {
            var values = new List<FacetValue>();
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] > 0)
                {
                    values.Add(new FacetValue(value(i), label(i), counts[i]));
                }
            }
            values.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
            return values.Count > limit ? values[..limit] : values;
        }
    }
}
