using System.Collections.Concurrent;
using System.Diagnostics;
using CooperationPlatform.Contracts.Messages;
using CooperationPlatform.Messaging;
using CooperationPlatform.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// The outbox path (commit, relay, broker, inbox consumer) against a bare RabbitMQ.Client publish/consume loop on the same broker:
/// latency at 100 and 1,000 messages per second, and the throughput of one relay. A service of its own, on a database of its
/// own on the stack's PostgreSQL, so that no service's relay touches its outbox.
/// </summary>
public sealed class MessagingScenario : IScenario
{
    private const int RelayAggregates = 1_000;
    private static readonly double[] Rates = [100, 1_000];
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    public string Name => "messaging";
    public string Description => "Outbox commit-to-consumer latency at 100 and 1,000 msg/s, one relay's throughput, and raw RabbitMQ.Client as the floor.";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var broker = RabbitMqAddress.Parse(context.ConnectionString("messaging"));
        var results = new List<BenchResult>();

        await using (var raw = await RawLoop.StartAsync(broker, cancellationToken))
        {
            await raw.WarmUpAsync(500, cancellationToken);
            foreach (var rate in Rates)
            {
                results.Add(await raw.LatencyAsync(Name, rate, context.Duration, cancellationToken));
            }
            results.Add(await raw.ThroughputAsync(Name, RelayMessages(context), cancellationToken));
        }

        var consumer = await OutboxService.StartAsync(context, "bench-consumer", withHandler: true, cancellationToken);
        await using (consumer)
        {
            await consumer.WarmUpAsync(500, cancellationToken);
            foreach (var rate in Rates)
            {
                results.Add(await consumer.LatencyAsync(Name, rate, context.Duration, cancellationToken));
            }
        }

        // Relay only: the messages go to a durable queue that nobody consumes, so the figure is the relay's and the broker's.
        var relay = await OutboxService.StartAsync(context, "bench-relay", withHandler: false, cancellationToken);
        await using (relay)
        {
            results.Add(await relay.RelayThroughputAsync(Name, RelayMessages(context), RelayAggregates, cancellationToken));
            results.Add(await relay.RelayThroughputAsync(Name, RelayMessages(context) / 4, 1, cancellationToken));
        }
        return results;
    }

    private static int RelayMessages(BenchContext context) => (int)Math.Max(10_000, 2_000 * context.Duration.TotalSeconds);

    /// <summary>A service's outbox and inbox in miniature, wired as the services wire them.</summary>
    private sealed class OutboxService : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly string _database;
        private readonly string _serverConnectionString;

        private OutboxService(IHost host, string database, string serverConnectionString)
        {
            _host = host;
            _database = database;
            _serverConnectionString = serverConnectionString;
        }

        public static async Task<OutboxService> StartAsync(BenchContext context, string name, bool withHandler, CancellationToken cancellationToken)
        {
            var server = context.ConnectionString("postgres");
            var database = $"{name.Replace('-', '_')}_{Guid.NewGuid():N}"[..40];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync(cancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 200 }.ConnectionString;
            await using (var db = new BenchDbContext(new DbContextOptionsBuilder<BenchDbContext>().UseNpgsql(connectionString).Options))
            {
                await db.Database.EnsureCreatedAsync(cancellationToken);
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:benchdb"] = connectionString,
                ["ConnectionStrings:messaging"] = context.ConnectionString("messaging"),
                ["Messaging:ServiceName"] = name,
            });
            builder.AddPostgresDbContext<BenchDbContext>("benchdb");
            builder.Services.ConfigureDbContext<BenchDbContext>(options =>
                options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
            builder.AddMessaging<BenchDbContext>(messaging =>
            {
                if (withHandler)
                {
                    messaging.AddIntegrationEventHandler<BenchSampleHandler>();
                }
            });
            builder.Services.AddSingleton<ConsumedAt>();
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var bus = host.Services.GetRequiredService<IBusControl>();
            while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            {
                await Task.Delay(50, cancellationToken);
            }
            return new OutboxService(host, database, server);
        }

        public async Task<BenchResult> LatencyAsync(string scenario, double rate, TimeSpan duration, CancellationToken cancellationToken)
        {
            var commitToHandler = new LatencyRecorder();
            var load = await OpenLoopLoad.RunAsync(rate, duration, ct => CommitAndWaitAsync(ct, commitToHandler), cancellationToken);
            var endToEnd = load.ToResult(scenario, "", rate, duration);
            return commitToHandler.ToResult(scenario, "outbox: commit -> handler", rate, duration,
                $"due -> handler p50 {endToEnd.P50Ms:0.00} p99 {endToEnd.P99Ms:0.00} ms; errors {endToEnd.Errors}");
        }

        public async Task WarmUpAsync(int count, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                await CommitAndWaitAsync(cancellationToken, new LatencyRecorder());
            }
        }

        /// <summary>One write through the outbox; the latency runs from the commit's return to the handler's start.</summary>
        private async Task CommitAndWaitAsync(CancellationToken cancellationToken, LatencyRecorder commitToHandler)
        {
            var message = new BenchSampleRecorded { AggregateId = Guid.NewGuid(), AggregateVersion = 1 };
            var handled = _host.Services.GetRequiredService<ConsumedAt>().Expect(message.Id);
            long committed;
            await using (var scope = _host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
                db.AddIntegrationEvent(message);
                await db.SaveChangesAsync(cancellationToken);
                committed = Stopwatch.GetTimestamp();
            }
            commitToHandler.Record(Stopwatch.GetElapsedTime(committed, await handled.WaitAsync(DeliveryTimeout, cancellationToken)));
        }

        /// <summary>
        /// Writes <paramref name="count"/> rows in one statement, wakes the relay and times it until every row is marked sent.
        /// </summary>
        public async Task<BenchResult> RelayThroughputAsync(string scenario, int count, int aggregates, CancellationToken cancellationToken)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            var sample = new BenchRelaySampleRecorded();
            var typeName = sample.GetType().FullName + ", " + sample.GetType().Assembly.GetName().Name;
            var body = System.Text.Json.JsonSerializer.Serialize(sample, MassTransit.Serialization.SystemTextJsonMessageSerializer.Options);
            await BindQueueAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO outbox_messages (message_id, message_type, body, aggregate_id, created_at, attempts)
                SELECT gen_random_uuid(), {0}, {1}::jsonb, ('00000000-0000-0000-0000-' || lpad(to_hex(i % {2}), 12, '0'))::uuid, now(), 0
                FROM generate_series(1, {3}) AS i
                """, [typeName, body, aggregates, count], cancellationToken);
            var clock = Stopwatch.StartNew();
            _host.Services.GetRequiredService<OutboxSignal<BenchDbContext>>().Raise();
            while (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL").SingleAsync(cancellationToken) > 0)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException("The relay did not drain the outbox in 5 minutes.");
                }
                await Task.Delay(10, cancellationToken);
            }
            var elapsed = clock.Elapsed;
            await db.Database.ExecuteSqlRawAsync("DELETE FROM outbox_messages", cancellationToken);
            return new BenchResult(scenario, $"one relay, {aggregates:N0} aggregate{(aggregates == 1 ? "" : "s")}", 0, count, 0,
                count / elapsed.TotalSeconds, 0, 0, 0, $"{count:N0} messages in {elapsed.TotalSeconds:0.00} s, confirmed into a durable queue");
        }

        /// <summary>A durable queue on the message's exchange, as a consuming service would have, so that the broker stores every message.</summary>
        private async Task BindQueueAsync(CancellationToken cancellationToken)
        {
            var broker = _host.Services.GetRequiredService<RabbitMqAddress>();
            await using var connection = await RawLoop.ConnectAsync(broker, cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var exchange = "CooperationPlatform.Bench.Scenarios:" + nameof(BenchRelaySampleRecorded);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync("bench-relay-sink", durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync("bench-relay-sink", exchange, "", cancellationToken: cancellationToken);
            await channel.QueuePurgeAsync("bench-relay-sink", cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The floor: RabbitMQ.Client publishing persistent messages with confirms to a durable queue and consuming them.</summary>
    private sealed class RawLoop : IAsyncDisposable
    {
        private const string Queue = "bench-raw-floor";
        private readonly IConnection _connection;
        private readonly IChannel _publisher;
        private readonly IChannel _consumer;
        private readonly ConsumedAt _consumed = new();

        private RawLoop(IConnection connection, IChannel publisher, IChannel consumer)
        {
            _connection = connection;
            _publisher = publisher;
            _consumer = consumer;
        }

        public static Task<IConnection> ConnectAsync(RabbitMqAddress broker, CancellationToken cancellationToken) => new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
        }.CreateConnectionAsync(cancellationToken);

        public static async Task<RawLoop> StartAsync(RabbitMqAddress broker, CancellationToken cancellationToken)
        {
            var connection = await ConnectAsync(broker, cancellationToken);
            var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancellationToken);
            var consumer = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await consumer.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await consumer.BasicQosAsync(0, 100, false, cancellationToken);
            var loop = new RawLoop(connection, publisher, consumer);
            var receiver = new AsyncEventingBasicConsumer(consumer);
            receiver.ReceivedAsync += async (_, delivery) =>
            {
                loop._consumed.Complete(Guid.Parse(delivery.BasicProperties.MessageId!));
                await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await consumer.BasicConsumeAsync(Queue, autoAck: false, receiver, cancellationToken);
            return loop;
        }

        public async Task<BenchResult> LatencyAsync(string scenario, double rate, TimeSpan duration, CancellationToken cancellationToken)
        {
            var publishToConsume = new LatencyRecorder();
            await OpenLoopLoad.RunAsync(rate, duration, ct => PublishAndWaitAsync(publishToConsume, ct), cancellationToken);
            return publishToConsume.ToResult(scenario, "raw RabbitMQ.Client: publish -> consumer", rate, duration);
        }

        public Task WarmUpAsync(int count, CancellationToken cancellationToken) =>
            Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (_, ct) => await PublishAndWaitAsync(new LatencyRecorder(), ct));

        /// <summary>Confirmed publishes with many in flight, timed until the consumer has received them all: the broker's ceiling.</summary>
        public async Task<BenchResult> ThroughputAsync(string scenario, int count, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 256, CancellationToken = cancellationToken },
                async (_, ct) => await PublishAndWaitAsync(new LatencyRecorder(), ct));
            var elapsed = clock.Elapsed;
            return new BenchResult(scenario, "raw RabbitMQ.Client: confirmed publish", 0, count, 0, count / elapsed.TotalSeconds, 0, 0, 0,
                $"{count:N0} messages published and consumed in {elapsed.TotalSeconds:0.00} s, 256 in flight");
        }

        private async Task PublishAndWaitAsync(LatencyRecorder recorder, CancellationToken cancellationToken)
        {
            var id = Guid.NewGuid();
            var consumed = _consumed.Expect(id);
            var start = Stopwatch.GetTimestamp();
            var properties = new BasicProperties { MessageId = id.ToString(), Persistent = true, ContentType = "application/json" };
            await _publisher.BasicPublishAsync("", Queue, mandatory: false, properties, RawBody, cancellationToken);
            recorder.Record(Stopwatch.GetElapsedTime(start, await consumed.WaitAsync(DeliveryTimeout, cancellationToken)));
        }

        private static readonly byte[] RawBody = System.Text.Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(new BenchSampleRecorded(), MassTransit.Serialization.SystemTextJsonMessageSerializer.Options));

        public async ValueTask DisposeAsync()
        {
            await _consumer.QueueDeleteAsync(Queue);
            await _consumer.DisposeAsync();
            await _publisher.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}

public sealed record BenchSampleRecorded : IntegrationEvent;

public sealed record BenchRelaySampleRecorded : IntegrationEvent;

/// <summary>Does nothing but note when it ran: the figure is the messaging path's, inbox transaction included.</summary>
public sealed class BenchSampleHandler(ConsumedAt consumed) : IIntegrationEventHandler<BenchSampleRecorded>
{
    public Task HandleAsync(BenchSampleRecorded message, CancellationToken cancellationToken)
    {
        consumed.Complete(message.Id);
        return Task.CompletedTask;
    }
}

/// <summary>When each awaited message reached its consumer, as a <see cref="Stopwatch"/> timestamp.</summary>
public sealed class ConsumedAt
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _waiting = new();

    public Task<long> Expect(Guid id) =>
        _waiting.GetOrAdd(id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Complete(Guid id)
    {
        var now = Stopwatch.GetTimestamp();
        if (_waiting.TryRemove(id, out var waiting))
        {
            waiting.TrySetResult(now);
        }
    }
}

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddMessagingTables();
}
