using CooperationPlatform.ServiceDefaults.Errors;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CooperationPlatform.Messaging;

public sealed record ErrorQueuesResponse(IReadOnlyList<ErrorQueueResponse> Queues);

public sealed record ErrorQueueResponse(string Queue, string ErrorQueue, int MessageCount, IReadOnlyList<FailedMessageResponse> Messages);

/// <summary>A message in an error queue, with the fault MassTransit recorded in its headers (<c>MT-Fault-*</c>).</summary>
public sealed record FailedMessageResponse(
    string? MessageId,
    string? Reason,
    string? ExceptionType,
    string? ExceptionMessage,
    string? FailedAt,
    string? ContentType,
    string Body,
    IReadOnlyDictionary<string, string?> Headers);

/// <summary>Replays every error queue of the service, or <see cref="Queue"/> only; all messages, or those in <see cref="MessageIds"/>.</summary>
public sealed record ReplayRequest(string? Queue, IReadOnlyList<string>? MessageIds);

public sealed record ReplayResponse(int Replayed, IReadOnlyList<ReplayedQueueResponse> Queues);

public sealed record ReplayedQueueResponse(string Queue, int Replayed);

public static class MessagingAdminApi
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 1000;

    /// <summary>
    /// Maps <c>GET /admin/messages/errors</c> and <c>POST /admin/messages/replay</c> (the consumers' error queues), and
    /// <c>GET /admin/messages/outbox/dead-letters</c> and <c>POST /admin/messages/outbox/requeue</c> (outbox rows the relay cannot
    /// publish) for operators, with the platform.admin scope only:
    /// the gateway does not route them, but a service's port may still be reachable inside the cluster. They are left out of the
    /// OpenAPI document, which is the partners' contract through the gateway (docs/messaging.md describes them).
    /// </summary>
    public static RouteGroupBuilder MapMessagingAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/messages").WithTags("Messaging admin").RequireAuthorization(PlatformScopes.PlatformAdmin)
            .ExcludeFromDescription();
        group.MapGet("/errors", ListErrorsAsync)
            .WithName("list-failed-messages")
            .WithSummary("The service's error queues: how many messages each holds and the first ones, with their fault headers.");
        group.MapPost("/replay", ReplayAsync)
            .WithName("replay-failed-messages")
            .WithSummary("Moves messages from error queues back to their queues: all of them, or one queue's, or the listed message ids.");
        group.MapGet("/outbox/dead-letters", ListDeadLettersAsync)
            .WithName("list-dead-lettered-outbox-messages")
            .WithSummary("Outbox rows the relay moved aside because they cannot be published, with the reason: how many, and the first ones.");
        group.MapPost("/outbox/requeue", RequeueAsync)
            .WithName("requeue-dead-lettered-outbox-messages")
            .WithSummary("Gives dead-lettered outbox rows back to the relay: all of them, or the listed message ids.");
        return group;
    }

    private static async Task<Ok<ErrorQueuesResponse>> ListErrorsAsync(ErrorQueues errorQueues, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ErrorQueuesResponse(await errorQueues.ListAsync(CheckedLimit(limit), cancellationToken)));

    private static async Task<Ok<OutboxDeadLettersResponse>> ListDeadLettersAsync(IOutboxDeadLetters deadLetters, int? limit,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await deadLetters.ListAsync(CheckedLimit(limit), cancellationToken));

    private static async Task<Ok<OutboxRequeueResponse>> RequeueAsync(IOutboxDeadLetters deadLetters, OutboxRequeueRequest? request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new OutboxRequeueResponse(await deadLetters.RequeueAsync(request?.MessageIds, cancellationToken)));

    private static int CheckedLimit(int? limit)
    {
        var take = limit ?? DefaultLimit;
        return take is < 0 or > MaxLimit ? throw new RequestValidationException("limit", $"The limit must be between 0 and {MaxLimit}.") : take;
    }

    private static async Task<Ok<ReplayResponse>> ReplayAsync(ErrorQueues errorQueues, ReplayRequest? request, CancellationToken cancellationToken)
    {
        var queues = await errorQueues.ReplayAsync(request?.Queue, request?.MessageIds, cancellationToken);
        return TypedResults.Ok(new ReplayResponse(queues.Sum(queue => queue.Replayed), queues));
    }
}
