using CooperationPlatform.Portfolio.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Search;

/// <summary>
/// Full-text matching in PostgreSQL: the query (web-search syntax: words, "phrases", -not, or) against the stemmed English and
/// the unstemmed simple tsvector. Text in scripts written without spaces (Chinese, Japanese, Thai, Korean) cannot be split into
/// words by the parser, so such queries also match by substring through the trigram indexes.
/// </summary>
public sealed class ProjectTextSearch(PortfolioDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, double>> RankAsync(string query, CancellationToken cancellationToken)
    {
        var pattern = "%" + query.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        var bySubstring = query.Any(IsUnspacedScript);
        var matches = await db.Database.SqlQuery<TextMatch>($"""
            SELECT p.id AS "Id",
                   ts_rank_cd(p.search_vector, q.query)::float8 + CASE WHEN {bySubstring} AND p.title ILIKE {pattern} THEN 0.1 ELSE 0 END AS "Rank"
            FROM projects p,
                 (SELECT websearch_to_tsquery('english'::regconfig, {query}) || websearch_to_tsquery('simple'::regconfig, {query}) AS query) q
            WHERE p.search_vector @@ q.query
               OR ({bySubstring} AND (p.title ILIKE {pattern} OR p.search_text ILIKE {pattern}))
            """).ToListAsync(cancellationToken);
        return matches.ToDictionary(m => m.Id, m => m.Rank);
    }

    private static bool IsUnspacedScript(char c) =>
        c is >= '\u0E00' and <= '\u0EFF' or >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF';

    private sealed record TextMatch(Guid Id, double Rank);
}
