using CooperationPlatform.Contracts.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CooperationPlatform.Messaging;

/// <summary>What a service consumes, given to <see cref="MessagingExtensions.AddMessaging{TDbContext}"/>.</summary>
public sealed class MessagingBuilder<TDbContext>(IBusRegistrationConfigurator bus)
    where TDbContext : DbContext
{
    private readonly List<HandlerRegistration> _handlers = [];

    /// <summary>MassTransit's own registration, for what the platform's handlers do not cover.</summary>
    public IBusRegistrationConfigurator Bus { get; } = bus;

    internal IReadOnlyList<HandlerRegistration> Handlers => _handlers;

    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to every integration event it implements <see cref="IIntegrationEventHandler{TEvent}"/> for,
    /// on a queue of its own (<c>{service}-{handler}</c>), with the inbox, retries, an error queue and per-aggregate order.
    /// </summary>
    public MessagingBuilder<TDbContext> AddIntegrationEventHandler<THandler>() where THandler : class, IIntegrationEventHandler
    {
        var eventTypes = typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToArray();
        if (eventTypes.Length == 0)
        {
            throw new ArgumentException($"{typeof(THandler).Name} implements no IIntegrationEventHandler<TEvent>.", nameof(THandler));
        }
        Bus.TryAddScoped<THandler>();
        Bus.TryAddSingleton<InboxBatcher<TDbContext, THandler>>();
        var consumerTypes = eventTypes
            .Select(eventType => typeof(IntegrationEventConsumer<,,>).MakeGenericType(eventType, typeof(TDbContext), typeof(THandler)))
            .ToArray();
        foreach (var consumerType in consumerTypes)
        {
            Bus.AddConsumer(consumerType).ExcludeFromConfigureEndpoints();
        }
        _handlers.Add(new HandlerRegistration(typeof(THandler), eventTypes, consumerTypes));
        return this;
    }
}

internal sealed record HandlerRegistration(Type HandlerType, Type[] EventTypes, Type[] ConsumerTypes)
{
    /// <summary>
    /// One queue per handler. Messages of one aggregate go to one partition and are handled one after another, never at once; the
    /// retry sits inside the partition, so a message being retried holds back its aggregate's next messages instead of being
    /// overtaken. Two messages of one aggregate delivered at the same moment may enter the partition in either order (the
    /// transport dispatches deliveries concurrently), so a handler whose effect depends on order checks the aggregate version.
    /// </summary>
    public void ConfigureEndpoint(IRabbitMqReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, ConsumerOptions options)
    {
        endpoint.PrefetchCount = Math.Max(options.PrefetchCount, options.ConcurrentMessageLimit);
        endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        var partitioner = endpoint.CreatePartitioner(options.ConcurrentMessageLimit);
        foreach (var eventType in EventTypes)
        {
            PartitionByAggregateMethod.MakeGenericMethod(eventType).Invoke(null, [endpoint, partitioner]);
        }
        // Two policies, the database's around the handler's. An unreachable database is waited out for minutes, in memory: the
        // message stays unacknowledged (RabbitMQ gives it back if the process dies), keeps its partition (so its aggregate's order)
        // and needs no delayed-exchange plugin or scheduler, which RabbitMQ 3.10 here does not have. A handler's own error goes to
        // the error queue after a few quick retries. The inner policy's attempt count is what the consumer reads to apply a
        // retried message alone.
        endpoint.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientDatabaseErrors.IsTransient);
            retry.Exponential(options.TransientRetryLimit, options.TransientRetryMinInterval, options.TransientRetryMaxInterval,
                options.TransientRetryIntervalDelta);
        });
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<Exception>(TransientDatabaseErrors.IsTransient);
            retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryIntervalDelta);
        });
        foreach (var consumerType in ConsumerTypes)
        {
            endpoint.ConfigureConsumer(context, consumerType);
        }
    }

    private static readonly System.Reflection.MethodInfo PartitionByAggregateMethod =
        typeof(HandlerRegistration).GetMethod(nameof(PartitionByAggregate), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    private static void PartitionByAggregate<TEvent>(IRabbitMqReceiveEndpointConfigurator endpoint, IPartitioner partitioner)
        where TEvent : IntegrationEvent =>
        endpoint.UsePartitioner<TEvent>(partitioner, context => context.Message.AggregateId);
}
