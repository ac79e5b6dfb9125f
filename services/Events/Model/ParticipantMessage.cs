namespace CooperationPlatform.Events.Model;

/// <summary>What a message to a participant is about.</summary>
public enum ParticipantMessageKind
{
    /// <summary>A new registration: its outcome, the token and how to confirm the address.</summary>
    Registered,

    /// <summary>Someone registered an address that already holds a live registration: its outcome, no new token.</summary>
    AlreadyRegistered,

    /// <summary>A seat came free for a waitlisted participant: confirmed, or held until the address is confirmed.</summary>
    SeatOffered,

    /// <summary>A held seat lapsed because the address was not confirmed in time.</summary>
    HoldLapsed,
}

/// <summary>
/// One message to a participant in the mail outbox, written in the transaction that decided it, so that a registration and its
/// message commit together or not at all. The sender delivers it later; a sender that does not keep copies clears
/// <see cref="Body"/> and <see cref="Token"/> once the message is sent, so the database does not keep the token for longer than
/// delivery needs.
/// </summary>
public sealed class ParticipantMessage
{
    private ParticipantMessage()
    {
    }

    public Guid Id { get; private set; }
    public Guid EventId { get; private set; }
    public Guid ParticipantId { get; private set; }
    public string To { get; private set; } = "";
    public ParticipantMessageKind Kind { get; private set; }
    public string Subject { get; private set; } = "";
    public string? Body { get; private set; }

    /// <summary>The participant's token when the message carries one; also in <see cref="Body"/>, apart so that tests need not parse text.</summary>
    public string? Token { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }

    public static ParticipantMessage Write(Participant to, ParticipantMessageKind kind, string subject, string body, string? token, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EventId = to.EventId,
        ParticipantId = to.Id,
        To = to.Email ?? throw new InvalidOperationException("An erased participant has no address to write to."),
        Kind = kind,
        Subject = subject,
        Body = body,
        Token = token,
        CreatedAt = now,
    };

    public void Sent(DateTimeOffset now, bool keepCopy)
    {
        SentAt = now;
        Attempts++;
        if (!keepCopy)
        {
            Body = null;
            Token = null;
        }
    }

    public void Failed() => Attempts++;

    /// <summary>Erasure: the address and the text go, the row stays as a record that something was sent.</summary>
    public void Erase()
    {
        To = "";
        Body = null;
        Token = null;
    }
}
