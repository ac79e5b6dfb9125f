using CooperationPlatform.Events.Model;

namespace CooperationPlatform.Events.Mail;

/// <summary>
/// Delivers one participant message. A real sender (SMTP, a mail API) implements this and is registered in place of
/// <see cref="DevelopmentMailSender"/> (see docs/events.md, "The mail outbox"); it should throw when delivery fails, so that the
/// message is tried again.
/// </summary>
public interface IParticipantMailSender
{
    /// <summary>Whether the outbox keeps the message's text and token after sending; a real sender says no.</summary>
    bool KeepsCopy { get; }

    Task SendAsync(ParticipantMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// The platform sends no real mail yet: this sender only notes that a message went out and keeps it in the outbox, where a
/// developer reads it through the organizer's mailbox endpoint (<c>GET /events/{id}/mail</c>) and tests read it from the database.
/// </summary>
public sealed class DevelopmentMailSender(ILogger<DevelopmentMailSender> logger) : IParticipantMailSender
{
    public bool KeepsCopy => true;

    public Task SendAsync(ParticipantMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Participant message {MessageId} ({Kind}) for participant {ParticipantId} of event {EventId} recorded, not sent",
            message.Id, message.Kind, message.ParticipantId, message.EventId);
        return Task.CompletedTask;
    }
}
