using Npgsql;

namespace CooperationPlatform.Messaging;

/// <summary>
/// Which consumer failures are the database's rather than the handler's: those get the long retry
/// (<see cref="ConsumerOptions.TransientRetryLimit"/>), so that an outage of the consumer's PostgreSQL delays messages instead of
/// sending them to the error queue.
/// </summary>
public static class TransientDatabaseErrors
{
    /// <summary>
    /// True when <paramref name="exception"/> or any exception inside it is an <see cref="NpgsqlException"/> that Npgsql calls transient:
    /// a connection that cannot be opened or broke (socket, I/O, timeout), or a <see cref="PostgresException"/> with a transient SQL state
    /// (server shutting down or starting, too many connections, connection failure, deadlock, serialization failure). EF Core wraps them
    /// (<c>DbUpdateException</c>, <c>RetryLimitExceededException</c>), so the whole chain is searched.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql when npgsql.IsTransient => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
