using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Application;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using Microsoft.Extensions.Options;

namespace CooperationPlatform.Events.Mail;

/// <summary>
/// The messages the service writes to participants. Each is added to the caller's <see cref="EventsDbContext"/>, so that it commits
/// with the change it reports (the registration, the promotion, the lapse) and never without it; <see cref="ParticipantMailRelay"/>
/// hands it to the <see cref="IParticipantMailSender"/> afterwards.
/// </summary>
public interface IParticipantMail
{
    /// <summary>A new registration (or a registration again after a cancellation): its outcome and the new token.</summary>
    void Registered(Event target, Participant participant, RegistrationState state, string token);

    /// <summary>Someone registered an address that already holds a live registration: its outcome, and no token.</summary>
    void AlreadyRegistered(Event target, Participant participant, RegistrationState state);

    /// <summary>A waitlisted participant got a seat: confirmed, or held until they confirm their address.</summary>
    void SeatOffered(Event target, Participant participant, Registration registration);

    /// <summary>A held seat lapsed: the address was not confirmed in time.</summary>
    void HoldLapsed(Event target, Participant participant, Registration registration);
}

public sealed class ParticipantMailOptions
{
    public const string Section = "Events:Mail";

    /// <summary>The public address the links in messages start with (the gateway's, in production).</summary>
    public string LinkBase { get; set; } = "http://localhost";

    /// <summary>How often the relay looks for messages to send.</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(2);
}

public sealed class ParticipantMail(EventsDbContext db, TimeProvider clock, IOptions<ParticipantMailOptions> options) : IParticipantMail
{
    public void Registered(Event target, Participant participant, RegistrationState state, string token) =>
        Write(target, participant, ParticipantMessageKind.Registered, $"Your registration to {target.Name}",
            $"""
            Hello {participant.Name},

            we received a registration to {target.Name} for this address.
            {Outcome(state)}

            Your registration token: {token}
            With this address and the token (in the Registration-Email and Registration-Token headers) you confirm your address,
            see and cancel your registrations and take part in matchmaking. Keep the token to yourself; it is not shown anywhere else.
            {ConfirmationLink(target)}

            If you did not register, ignore this message: an unconfirmed registration lapses by itself.
            """, token);

    public void AlreadyRegistered(Event target, Participant participant, RegistrationState state) =>
        Write(target, participant, ParticipantMessageKind.AlreadyRegistered, $"Your registration to {target.Name}",
            $"""
            Hello {participant.Name},

            someone asked to register this address to {target.Name} again. Your registration stands as it was, with the token
            you received then.
            {Outcome(state)}

            If it was not you, nothing has changed and nothing needs doing.
            """, token: null);

    public void SeatOffered(Event target, Participant participant, Registration registration) =>
        Write(target, participant, ParticipantMessageKind.SeatOffered, $"A seat at {target.Name}",
            $"""
            Hello {participant.Name},

            a seat at {target.Name} came free and you were next on the waitlist.
            {Outcome(new RegistrationState(registration, null))}
            {(registration.Status == RegistrationStatus.Held ? ConfirmationLink(target) : "")}
            """, token: null);

    public void HoldLapsed(Event target, Participant participant, Registration registration) =>
        Write(target, participant, ParticipantMessageKind.HoldLapsed, $"Your seat at {target.Name} was released",
            $"""
            Hello {participant.Name},

            the seat held for you at {target.Name} until {registration.HoldExpiresAt:u} was released, because this address was not
            confirmed by then, and went to the next person in line. You can register again.
            """, token: null);

    private static string Outcome(RegistrationState state) => state.Registration.Status switch
    {
        RegistrationStatus.Confirmed => "Your seat is confirmed.",
        RegistrationStatus.Held => $"A seat is held for you until {state.Registration.HoldExpiresAt:u}. Confirm your address before then to keep it; " +
            "after that it goes to the next person in line.",
        RegistrationStatus.Waitlisted => state.WaitlistPosition is { } position
            ? $"The event is full: you are number {position} on the waitlist. Confirm your address now, so that a seat that comes free is yours at once."
            : "The event is full: you are on the waitlist.",
        _ => "Your registration is cancelled.",
    };

    private string ConfirmationLink(Event target) =>
        $"Confirm your address: POST {options.Value.LinkBase.TrimEnd('/')}/api/events/v1/events/{target.Id}/registrations/mine/confirmation " +
        $"with the {ParticipantCredentials.EmailHeader} and {ParticipantCredentials.TokenHeader} headers.";

    private void Write(Event target, Participant participant, ParticipantMessageKind kind, string subject, string body, string? token)
    {
        if (participant.Email is null)
        {
            return;
        }
        db.ParticipantMessages.Add(ParticipantMessage.Write(participant, kind, subject, body, token, clock.GetUtcNow()));
    }
}
