using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CooperationPlatform.ServiceDefaults.Data;

/// <summary>
/// A statement that replaces one aggregate's row only if the row still holds the version the statement read, and returns one row:
/// whether it wrote, and the version it read (null when there was no row).
/// </summary>
/// <param name="Aggregate">What the row is, for the error message ("Project").</param>
public sealed record VersionedRowWrite(string Aggregate, Guid Id, long Version, NpgsqlBatchCommand Command);

/// <summary>Runs <see cref="VersionedRowWrite"/>s: the services' bulk message writes, which go around EF Core's change tracking.</summary>
public static class VersionedRowWrites
{
    /// <summary>
    /// Runs the writes in order, in one round trip, on the context's connection and in its current transaction; returns for each
    /// whether it wrote. A write older than its row writes nothing. A write that found its row changed (or first inserted) by another
    /// transaction after the statement read it throws <see cref="DbUpdateConcurrencyException"/>, so that its message is retried.
    /// </summary>
    public static async Task<bool[]> ExecuteAsync(DbContext db, IReadOnlyList<VersionedRowWrite> writes, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
                (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var write in writes)
            {
                batch.BatchCommands.Add(write.Command);
            }
            // Planning these statements costs PostgreSQL more than running them; prepared, each is planned once per connection (Npgsql
            // keeps prepared statements across the pool, so preparing again is free).
            await batch.PrepareAsync(cancellationToken);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var written = new bool[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                await reader.ReadAsync(cancellationToken);
                written[i] = reader.GetBoolean(0);
                long? storedVersion = reader.IsDBNull(1) ? null : reader.GetInt64(1);
                if (!written[i] && (storedVersion is null || storedVersion < writes[i].Version))
                {
                    var write = writes[i];
                    throw new DbUpdateConcurrencyException(
                        $"{write.Aggregate} {write.Id} was changed by another transaction while version {write.Version} was applied.");
                }
                await reader.NextResultAsync(cancellationToken);
            }
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Positional parameters that may be null: a null value alone would not tell PostgreSQL its type.</summary>
public static class NullableParameter
{
    public static NpgsqlParameter Integer(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = value is { } v ? v : DBNull.Value };

    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value is { } v ? v : DBNull.Value };
}
