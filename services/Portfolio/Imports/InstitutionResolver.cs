using CooperationPlatform.Portfolio.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Portfolio.Imports;

/// <summary>
/// Finds the replica institution an import file means: by the platform's institution id when the file carries it (our own exports do),
/// else by exact name or acronym, ignoring case. A name two institutions share is not guessed at.
/// </summary>
public sealed class InstitutionResolver
{
    private readonly HashSet<Guid> _ids;
    private readonly Dictionary<string, Guid?> _byName;

    private InstitutionResolver(HashSet<Guid> ids, Dictionary<string, Guid?> byName)
    {
        _ids = ids;
        _byName = byName;
    }

    public static async Task<InstitutionResolver> LoadAsync(PortfolioDbContext db, CancellationToken cancellationToken)
    {
        var ids = new HashSet<Guid>();
        var byName = new Dictionary<string, Guid?>(StringComparer.OrdinalIgnoreCase);
        await foreach (var institution in db.Institutions.AsNoTracking().Select(i => new { i.Id, i.Name, i.Acronym })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ids.Add(institution.Id);
            foreach (var name in new[] { institution.Name, institution.Acronym }.OfType<string>().Select(n => n.Trim()).Distinct())
            {
                // Null marks a name shared by several institutions.
                byName[name] = byName.TryGetValue(name, out var other) && other != institution.Id ? null : institution.Id;
            }
        }
        return new InstitutionResolver(ids, byName);
    }

    public Guid? Resolve(string? id, string? name)
    {
        if (Guid.TryParse(id, out var guid) && _ids.Contains(guid))
        {
            return guid;
        }
        return name is not null && _byName.TryGetValue(name.Trim(), out var match) ? match : null;
    }
}
