using CooperationPlatform.Directory.Infrastructure;
using CooperationPlatform.Directory.Model;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.EntityFrameworkCore;

namespace CooperationPlatform.Directory.Application;

internal static class InstitutionLocks
{
    /// <summary>
    /// Locks an institution's row until the transaction ends, then reads it as it stands after any change that held the lock.
    /// A missing (or, unless allowed, archived) institution is a 422 naming <paramref name="field"/>.
    /// </summary>
    public static async Task<Institution> LockInstitutionAsync(this DirectoryDbContext db, Guid id, string field,
        CancellationToken cancellationToken, bool allowArchived = false)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM institutions WHERE id = {id} FOR UPDATE", cancellationToken);
        var institution = await db.Institutions.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        new ValidationErrors()
            .Require(institution is not null, field, $"Institution '{id}' is not in the directory.")
            .Require(institution is null || allowArchived || !institution.IsArchived, field, $"Institution '{id}' is archived.")
            .ThrowUnprocessableIfAny();
        return institution!;
    }
}
