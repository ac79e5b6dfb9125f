using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CooperationPlatform.Testing;

/// <summary>For tests of two transactions writing one row: waits until the second is blocked behind the first's lock.</summary>
public static class RowLocks
{
    /// <summary>Polls, through <paramref name="observer"/>, until the session of <paramref name="blocked"/> (in a transaction) waits on another's lock.</summary>
    public static Task WaitUntilBlockedAsync(DbContext observer, DbContext blocked)
    {
        var processId = ((NpgsqlConnection)blocked.Database.GetDbConnection()).ProcessID;
        return Eventually.HoldsAsync(
            async () => await observer.Database
                .SqlQuery<bool>($"SELECT cardinality(pg_blocking_pids({processId})) > 0 AS \"Value\"")
                .SingleAsync(TestContext.Current.CancellationToken),
            $"session {processId} waits on another transaction's lock");
    }
}
