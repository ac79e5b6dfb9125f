namespace CooperationPlatform.Messaging;

/// <summary>The <c>Messaging</c> configuration section. Every setting has a production default; tests shorten the delays.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// Names the service's queues (<c>{service}-{handler}</c>), so that two services never share one.
    /// Defaults to the first segment of the application name: <c>Directory.Api</c> gives <c>directory</c>.
    /// </summary>
    public string? ServiceName { get; set; }

    public OutboxRelayOptions Outbox { get; set; } = new();
    public ConsumerOptions Consumers { get; set; } = new();
}

public sealed class OutboxRelayOptions
{
    /// <summary>How often the relay looks for rows when no commit has woken it: only a safety net.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per transaction. Distinct aggregates in one batch are published concurrently.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long one batch may wait for the broker's confirms before its unconfirmed rows count as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay before a failed row (and the rows of its aggregate behind it) is tried again; doubles on each failure.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long sent rows are kept, to answer "was it published, and when?".</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long processed message ids are kept in the inbox: longer than any redelivery can take.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    internal TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(RetryMaxDelay.TotalMilliseconds, RetryMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30))));
}

public sealed class ConsumerOptions
{
    /// <summary>Attempts after the first before a message whose handler fails goes to the error queue.</summary>
    public int RetryLimit { get; set; } = 3;

    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryIntervalDelta { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Attempts after the first while the consumer's database is unreachable (<see cref="TransientDatabaseErrors"/>). With the defaults
    /// the intervals are about 1, 3, 7, 15 and 31 s, then 60 s: about ten minutes in all. The message stays unacknowledged meanwhile,
    /// so it must stay well inside RabbitMQ's <c>consumer_timeout</c> (30 minutes by default), even for a message that waits behind
    /// another in its partition and then retries as long.
    /// </summary>
    public int TransientRetryLimit { get; set; } = 14;

    public TimeSpan TransientRetryMinInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan TransientRetryMaxInterval { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan TransientRetryIntervalDelta { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Messages handled at once per queue; messages of one aggregate are always handled one after another. Twice
    /// <see cref="MaxBatchSize"/>, so that the next batch gathers while one is being applied.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 64;

    /// <summary>Most messages applied in one transaction (see <see cref="InboxBatcher{TDbContext, THandler}"/>).</summary>
    public int MaxBatchSize { get; set; } = 32;

    public int PrefetchCount { get; set; } = 128;
}
