using System.Net;
using CooperationPlatform.Events.Apis;
using CooperationPlatform.Events.Infrastructure;
using CooperationPlatform.Events.Model;
using CooperationPlatform.Testing;
using Microsoft.EntityFrameworkCore;
using static CooperationPlatform.Events.Tests.Support.EventsCalls;

namespace CooperationPlatform.Events.Tests.Support;

/// <summary>
/// What participants are sent, read from the mail outbox, where the development sender keeps every message: the token of a
/// registration reaches the test only this way, as it reaches a person only by mail.
/// </summary>
public static class Mailbox
{
    /// <summary>The messages to an address at an event, oldest first.</summary>
    public static Task<List<ParticipantMessage>> MailAsync(this ServiceFactory<Program, EventsDbContext> app, Guid eventId, string email)
    {
        var to = email.Trim();
        return app.WithDbAsync(db => db.ParticipantMessages.AsNoTracking()
            .Where(m => m.EventId == eventId && m.To.ToLower() == to.ToLower()).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());
    }

    /// <summary>The newest message of <paramref name="kind"/> to an address; it is written in the registration's transaction, so it is there at once.</summary>
    public static async Task<ParticipantMessage> LatestMailAsync(this ServiceFactory<Program, EventsDbContext> app, Guid eventId, string email, ParticipantMessageKind kind)
    {
        var mail = await app.MailAsync(eventId, email);
        return mail.LastOrDefault(m => m.Kind == kind)
            ?? throw new InvalidOperationException($"No {kind} message to {email}; sent: {string.Join(", ", mail.Select(m => m.Kind))}.");
    }

    /// <summary>
    /// A person registers anonymously (202), takes the token from the mail and, unless <paramref name="confirm"/> is false, confirms the
    /// address with it, as a real person would; the receipt is their event registration as they then see it.
    /// </summary>
    public static async Task<Registered> RegisteredAsync(this ServiceFactory<Program, EventsDbContext> app, Guid eventId, ParticipantDetails? person = null, bool confirm = true)
    {
        person ??= Person();
        using var client = app.Client();
        using (var response = await client.RegisterAsync(eventId, person))
        {
            await response.AssertStatusAsync(HttpStatusCode.Accepted);
        }
        var mail = await app.LatestMailAsync(eventId, person.Email, ParticipantMessageKind.Registered);
        var registered = new Registered(person, null!, mail.Token!);
        var mine = confirm ? await client.ConfirmAsync(eventId, registered) : await client.MineAsync(eventId, registered);
        var registration = mine.Registrations.Where(r => r.ActivityId == null).MaxBy(r => r.CreatedAt)!;
        return registered with
        {
            Receipt = new RegistrationReceipt(mine.Participant.Id, registration.RegistrationId, registration.Status, registration.WaitlistPosition),
        };
    }

    /// <summary>The participant confirms their address with the token from the mail.</summary>
    public static async Task<MyRegistrationsResponse> ConfirmAsync(this HttpClient client, Guid eventId, Registered participant)
    {
        using var response = await client.CallAsync(
            new HttpRequestMessage(HttpMethod.Post, $"{Root}/events/{eventId}/registrations/mine/confirmation").As(participant));
        return await response.ReadAsync<MyRegistrationsResponse>(HttpStatusCode.OK);
    }
}
