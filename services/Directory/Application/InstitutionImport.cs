using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Directory.Application;

/// <summary>A row of an import that passed validation.</summary>
public sealed record ImportCandidate(int Row, int Line, Guid? Id, InstitutionDetails Details);

public enum ImportOutcome
{
    /// <summary>Dry run: the row would create an institution.</summary>
    WouldCreate,
    Created,

    /// <summary>An institution with the row's name and country (or id) is already in the directory: nothing changes.</summary>
    Existing,
    Invalid,
}

public sealed record ImportRowResult(int Row, int Line, ImportOutcome Outcome, Guid? Id, string? Name, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>
/// Imports institutions idempotently on their natural key (folded name and country): a row whose key is already in the directory,
/// or earlier in the same file, creates nothing. A dry run reports what a commit would do; a commit creates the new rows in
/// batches, each with its message, and leaves invalid rows out.
/// </summary>
public sealed class InstitutionImport(DirectoryDbContext db, InstitutionService institutions, TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<IReadOnlyList<ImportRowResult>> ApplyAsync(IReadOnlyList<ImportCandidate> candidates, bool commit, string? ownerClientId,
        CancellationToken cancellationToken)
    {
        var existingByKey = await ExistingByKeyAsync(candidates, cancellationToken);
        var existingById = await ExistingByIdAsync(candidates, cancellationToken);
        var firstRowOfKey = new Dictionary<(string, string?), int>();
        var results = new List<ImportRowResult>(candidates.Count);
        var toCreate = new List<(ImportCandidate Candidate, Guid Id)>();
        foreach (var candidate in candidates)
        {
            var key = (Institution.KeyOf(candidate.Details.Name), candidate.Details.Country);
            if (candidate.Id is { } id && existingById.TryGetValue(id, out var holderKey) && holderKey != key)
            {
                results.Add(Invalid(candidate, "id", $"Institution '{id}' already exists with another name or country."));
            }
            else if (!firstRowOfKey.TryAdd(key, candidate.Row))
            {
                // Checked before the directory, so that a file's report is the same whether or not it was imported before.
                results.Add(Invalid(candidate, "name", $"Row {firstRowOfKey[key]} has the same name and country."));
            }
            else if (existingByKey.TryGetValue(key, out var existingId))
            {
                results.Add(new ImportRowResult(candidate.Row, candidate.Line, ImportOutcome.Existing, existingId, candidate.Details.Name, null));
            }
            else
            {
                var newId = candidate.Id ?? Guid.CreateVersion7();
                toCreate.Add((candidate, newId));
                results.Add(new ImportRowResult(candidate.Row, candidate.Line, commit ? ImportOutcome.Created : ImportOutcome.WouldCreate, newId,
                    candidate.Details.Name, null));
            }
        }
        if (commit)
        {
            foreach (var batch in toCreate.Chunk(BatchSize))
            {
                await CreateBatchAsync(batch, ownerClientId, results, cancellationToken);
            }
        }
        return results;
    }

    private async Task CreateBatchAsync((ImportCandidate Candidate, Guid Id)[] batch, string? ownerClientId, List<ImportRowResult> results,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (candidate, id) in batch)
        {
            institutions.Add(Institution.Register(id, candidate.Details, ownerClientId, now));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another writer took a key or an id since the look-up: create the rows one by one to find which.
            db.ChangeTracker.Clear();
        }
        foreach (var (candidate, id) in batch)
        {
            institutions.Add(Institution.Register(id, candidate.Details, ownerClientId, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                var key = Institution.KeyOf(candidate.Details.Name);
                var holder = await db.Institutions.Where(i => i.NameKey == key && i.Country == candidate.Details.Country)
                    .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
                var index = results.FindIndex(r => r.Row == candidate.Row);
                results[index] = holder is not null
                    ? results[index] with { Outcome = ImportOutcome.Existing, Id = holder }
                    : Invalid(candidate, "id", $"Institution '{id}' already exists with another name or country.");
            }
        }
    }

    private async Task<Dictionary<(string, string?), Guid>> ExistingByKeyAsync(IReadOnlyList<ImportCandidate> candidates, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<(string, string?), Guid>();
        foreach (var keys in candidates.Select(c => Institution.KeyOf(c.Details.Name)).Distinct().Chunk(1000))
        {
            var found = await db.Institutions.Where(i => keys.Contains(i.NameKey)).Select(i => new { i.Id, i.NameKey, i.Country })
                .ToListAsync(cancellationToken);
            foreach (var institution in found)
            {
                existing[(institution.NameKey, institution.Country)] = institution.Id;
            }
        }
        return existing;
    }

    private async Task<Dictionary<Guid, (string, string?)>> ExistingByIdAsync(IReadOnlyList<ImportCandidate> candidates, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<Guid, (string, string?)>();
        foreach (var ids in candidates.Where(c => c.Id is not null).Select(c => c.Id!.Value).Distinct().Chunk(1000))
        {
            var found = await db.Institutions.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.NameKey, i.Country }).ToListAsync(cancellationToken);
            foreach (var institution in found)
            {
                existing[institution.Id] = (institution.NameKey, institution.Country);
            }
        }
        return existing;
    }

    private static ImportRowResult Invalid(ImportCandidate candidate, string field, string error) =>
        new(candidate.Row, candidate.Line, ImportOutcome.Invalid, candidate.Id, candidate.Details.Name, new Dictionary<string, string[]> { [field] = [error] });
}
