using Npgsql;
using NpgsqlTypes;

namespace CooperationPlatform.Messaging;

/// <summary>An outbox row the relay is about to publish.</summary>
internal sealed record PendingMessage(
    long Sequence, Guid MessageId, string MessageType, string Body, Guid AggregateId, string? TraceParent, string? TraceState, int Attempts);

internal sealed record FailedPublish(PendingMessage Message, string Error, TimeSpan RetryAfter);

internal sealed record DeadLetter(PendingMessage Message, string Reason);

/// <summary>The relay's SQL on one service database's outbox (and the inbox clean-up).</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource, MessagingTables tables) : IAsyncDisposable
{
    private readonly string _leaseKey = "outbox relay " + tables.Outbox;

    // Rows of an aggregate whose oldest unsent row waits to be retried stay behind it, to keep the aggregate's order.
    private readonly string _readBatch = $"""
        SELECT sequence, message_id, message_type, body, aggregate_id, trace_parent, trace_state, attempts
        FROM {tables.Outbox} AS m
        WHERE m.sent_at IS NULL AND m.dead_lettered_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM {tables.Outbox} AS w
            WHERE w.aggregate_id = m.aggregate_id AND w.sent_at IS NULL AND w.next_attempt_at > now())
        ORDER BY m.sequence
        LIMIT $1
        FOR UPDATE SKIP LOCKED
        """;

    private readonly string _markSent = $"UPDATE {tables.Outbox} SET sent_at = now() WHERE sequence = ANY($1)";

    private readonly string _markFailed = $"""
        UPDATE {tables.Outbox} AS m
        SET attempts = m.attempts + 1, last_error = f.error, next_attempt_at = now() + f.retry_after
        FROM unnest($1::bigint[], $2::text[], $3::interval[]) AS f(sequence, error, retry_after)
        WHERE m.sequence = f.sequence
        """;

    private readonly string _markDeadLettered = $"""
        UPDATE {tables.Outbox} AS m
        SET attempts = m.attempts + 1, last_error = f.reason, next_attempt_at = NULL, dead_lettered_at = now()
        FROM unnest($1::bigint[], $2::text[]) AS f(sequence, reason)
        WHERE m.sequence = f.sequence
        """;

    /// <summary>
    /// Opens a transaction holding the relay lease (a transaction-scoped advisory lock, so that one relay per database publishes
    /// at a time and each aggregate's order holds across instances) and locks up to <paramref name="batchSize"/> unsent rows.
    /// Null when another relay holds the lease.
    /// </summary>
    public async Task<OutboxLease?> TryLeaseAsync(int batchSize, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lease = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtext($1))", connection, transaction))
            {
                lease.Parameters.Add(new NpgsqlParameter { Value = _leaseKey });
                if (await lease.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await transaction.DisposeAsync();
                    await connection.DisposeAsync();
                    return null;
                }
            }
            var messages = new List<PendingMessage>(batchSize);
            await using (var read = new NpgsqlCommand(_readBatch, connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = batchSize });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    messages.Add(new PendingMessage(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                        reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.GetInt32(7)));
                }
            }
            return new OutboxLease(this, connection, transaction, messages);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes sent outbox rows and processed inbox ids older than their retention periods.</summary>
    public async Task<(int Outbox, int Inbox)> CleanUpAsync(TimeSpan outboxRetention, TimeSpan inboxRetention, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {tables.Outbox} WHERE sent_at < now() - $1")
        {
            Parameters = { new NpgsqlParameter { Value = outboxRetention } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {tables.Inbox} WHERE processed_at < now() - $1")
        {
            Parameters = { new NpgsqlParameter { Value = inboxRetention } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (batch.BatchCommands[0].RecordsAffected, batch.BatchCommands[1].RecordsAffected);
    }

    internal async Task CompleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<long> sent, IReadOnlyCollection<FailedPublish> failed, IReadOnlyCollection<DeadLetter> deadLettered,
        CancellationToken cancellationToken)
    {
        if (sent.Count > 0 || failed.Count > 0 || deadLettered.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (sent.Count > 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_markSent)
                {
                    Parameters = { new NpgsqlParameter { Value = sent.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint } },
                });
            }
            if (failed.Count > 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_markFailed)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = failed.Select(f => f.Message.Sequence).ToArray() },
                        new NpgsqlParameter { Value = failed.Select(f => f.Error).ToArray() },
                        new NpgsqlParameter { Value = failed.Select(f => f.RetryAfter).ToArray() },
                    },
                });
            }
            if (deadLettered.Count > 0)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(_markDeadLettered)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = deadLettered.Select(d => d.Message.Sequence).ToArray() },
                        new NpgsqlParameter { Value = deadLettered.Select(d => d.Reason).ToArray() },
                    },
                });
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}

/// <summary>A batch of rows locked for publishing. Disposing it without <see cref="CompleteAsync"/> leaves every row unsent.</summary>
internal sealed class OutboxLease(OutboxStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingMessage> messages)
    : IAsyncDisposable
{
    public IReadOnlyList<PendingMessage> Messages { get; } = messages;

    /// <summary>Marks the published rows sent, schedules the failed ones for a retry, moves the unpublishable ones aside, commits and releases the lease.</summary>
    public Task CompleteAsync(IReadOnlyCollection<long> sent, IReadOnlyCollection<FailedPublish> failed, IReadOnlyCollection<DeadLetter> deadLettered,
        CancellationToken cancellationToken) =>
        store.CompleteAsync(connection, transaction, sent, failed, deadLettered, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
