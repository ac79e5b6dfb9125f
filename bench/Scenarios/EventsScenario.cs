using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using Npgsql;

namespace CooperationPlatform.Bench.Scenarios;

/// <summary>
/// The events service under contention, straight at the service (the gateway's cost is the gateway scenario's): registrations
/// to one event from many connections, with the seat ledger and the arrival order checked against the database after each run;
/// and scheduling of accepted matchmaking meetings that compete for the same participants, slots and tables, with double
/// booking checked after the run.
/// </summary>
public sealed class EventsScenario : IScenario
{
    private const string Api = "/api/events/v1";
    private const int Capacity = 1000;

    public string Name => "events";
    public string Description => "Events: registrations/s to one event under contention (capacity invariant checked), meeting schedules/s";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = context.ServiceUrl("events-api") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await context.AccessTokenAsync("events.write events.read", cancellationToken));
        await using var eventsDb = NpgsqlDataSource.Create(context.DatabaseConnectionString("eventsdb"));
        var warmUp = await OpenEventAsync(http, Capacity, cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => RegisterAsync(http, warmUp, cancellationToken)));

        var results = new List<BenchResult>();
        results.Add(await RegistrationsAsync(http, eventsDb, context, "registrations, one event, 64 connections", rate: 0, cancellationToken));
        results.Add(await RegistrationsAsync(http, eventsDb, context, "registrations, one event, open loop", rate: 500, cancellationToken));
        results.Add(await SchedulingAsync(http, eventsDb, cancellationToken));
        return results;
    }

    private static async Task<Guid> OpenEventAsync(HttpClient http, int? capacity, CancellationToken cancellationToken)
    {
        using var created = await http.PostAsJsonAsync($"{Api}/events", new
        {
            name = $"Belt and Road Inclusive and Sustainable City Exhibition and Dialogue (bench {Guid.NewGuid():N})",
            kind = "exhibition-and-dialogue",
            startDate = "2030-10-14",
            endDate = "2030-10-18",
            venueCity = "Vienna",
            venueCountry = "AUT",
            capacity,
        }, ApiDefaults.JsonOptions, cancellationToken);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        using var open = new HttpRequestMessage(HttpMethod.Post, $"{Api}/events/{id}/status") { Content = JsonContent.Create(new { status = "open-for-registration" }) };
        open.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag);
        using var opened = await http.SendAsync(open, cancellationToken);
        opened.EnsureSuccessStatusCode();
        return id;
    }

    private static readonly string[] Countries = ["CHN", "KAZ", "PAK", "KEN", "ETH", "IDN", "LKA", "EGY", "AUT", "ITA"];

    /// <summary>Registers a new person; returns their participant id when the registration was made (201).</summary>
    private static async Task<Guid?> RegisterAsync(HttpClient http, Guid eventId, CancellationToken cancellationToken)
    {
        var n = Random.Shared.Next();
        using var response = await http.PostAsJsonAsync($"{Api}/events/{eventId}/registrations", new
        {
            name = $"Bench delegate {n}",
            email = $"delegate.{Guid.NewGuid():N}@bench.example.org",
            organization = new { name = $"City government {n % 300}" },
            city = $"City {n % 300}",
            country = Countries[n % Countries.Length],
            kind = "delegate",
        }, ApiDefaults.JsonOptions, cancellationToken);
        return response.StatusCode == HttpStatusCode.Created
            ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("participantId").GetGuid()
            : throw new HttpRequestException($"Registration answered {(int)response.StatusCode}");
    }

    /// <summary>New people registering to one event as fast as 64 connections go (rate 0), or at a fixed rate (open loop).</summary>
    private static async Task<BenchResult> RegistrationsAsync(HttpClient http, NpgsqlDataSource eventsDb, BenchContext context, string @case, double rate,
        CancellationToken cancellationToken)
    {
        var eventId = await OpenEventAsync(http, Capacity, cancellationToken);
        var made = 0;
        async Task Register(CancellationToken ct)
        {
            await RegisterAsync(http, eventId, ct);
            Interlocked.Increment(ref made);
        }
        var clock = Stopwatch.StartNew();
        var recorder = rate == 0
            ? await OpenLoopLoad.RunClosedAsync(64, context.Duration, Register, cancellationToken)
            : await OpenLoopLoad.RunAsync(rate, context.Duration, Register, cancellationToken);
        var elapsed = clock.Elapsed;
        var check = await CheckSeatsAsync(http, eventsDb, eventId, made, cancellationToken);
        return recorder.ToResult("events", @case, rate, elapsed, check);
    }

    /// <summary>
    /// The capacity invariant after a run: exactly min(capacity, made) confirmed and the rest waitlisted, the same in the event's
    /// seat ledger and in its registration rows, and every confirmed registration arrived before every waitlisted one.
    /// </summary>
    private static async Task<string> CheckSeatsAsync(HttpClient http, NpgsqlDataSource eventsDb, Guid eventId, int made, CancellationToken cancellationToken)
    {
        var seats = (await http.GetFromJsonAsync<JsonElement>($"{Api}/events/{eventId}", cancellationToken)).GetProperty("seats");
        await using var command = eventsDb.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'Confirmed'), count(*) FILTER (WHERE status = 'Waitlisted'),
                   coalesce(max(arrival_sequence) FILTER (WHERE status = 'Confirmed') < min(arrival_sequence) FILTER (WHERE status = 'Waitlisted'), true)
            FROM registrations WHERE event_id = $1 AND activity_id IS NULL
            """);
        command.Parameters.AddWithValue(eventId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (confirmed, waitlisted, ordered) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2));
        var expectedConfirmed = Math.Min(Capacity, made);
        var holds = confirmed == expectedConfirmed && waitlisted == made - expectedConfirmed && ordered
            && seats.GetProperty("confirmed").GetInt32() == confirmed && seats.GetProperty("waitlisted").GetInt32() == waitlisted;
        return $"{(holds ? "invariant holds" : "INVARIANT BROKEN")}: {made} made, {confirmed} confirmed (capacity {Capacity}), {waitlisted} waitlisted";
    }

    /// <summary>
    /// 400 participants, 2,000 accepted meetings (each participant in 10), scheduled by 32 connections into the first free slot of one
    /// matchmaking session (48 ten-minute slots, 50 tables): they compete for the same participants, slots and tables.
    /// </summary>
    private static async Task<BenchResult> SchedulingAsync(HttpClient http, NpgsqlDataSource eventsDb, CancellationToken cancellationToken)
    {
        const int people = 400, rounds = 10;
        var eventId = await OpenEventAsync(http, null, cancellationToken);
        using var sessionResponse = await http.PostAsJsonAsync($"{Api}/events/{eventId}/activities", new
        {
            title = "City-to-business matchmaking",
            kind = "matchmaking-session",
            startsAt = "2030-10-15T08:00:00Z",
            endsAt = "2030-10-15T16:00:00Z",
            matchmaking = new { slotMinutes = 10, tables = 50 },
        }, ApiDefaults.JsonOptions, cancellationToken);
        sessionResponse.EnsureSuccessStatusCode();
        var sessionId = (await sessionResponse.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
        var participants = await Task.WhenAll(Enumerable.Range(0, people).Select(_ => RegisterAsync(http, eventId, cancellationToken)));

        var random = new Random(3);
        var pairs = Enumerable.Range(0, rounds).SelectMany(_ =>
        {
            var order = participants.OrderBy(_ => random.Next()).ToArray();
            return Enumerable.Range(0, people / 2).Select(i => (order[2 * i]!.Value, order[2 * i + 1]!.Value));
        }).ToArray();
        var meetings = new Guid[pairs.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Length), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                using var requested = await http.PostAsJsonAsync($"{Api}/events/{eventId}/meetings",
                    new { requesterId = pairs[i].Item1, inviteeId = pairs[i].Item2, kind = "city-to-business" }, ApiDefaults.JsonOptions, ct);
                requested.EnsureSuccessStatusCode();
                meetings[i] = (await requested.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                using var accepted = await http.PostAsync($"{Api}/events/{eventId}/meetings/{meetings[i]}/accept", null, ct);
                accepted.EnsureSuccessStatusCode();
            });

        var recorder = new LatencyRecorder();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < meetings.Length; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                using var scheduled = await http.PostAsJsonAsync($"{Api}/events/{eventId}/meetings/{meetings[i]}/schedule",
                    new { sessionId }, ApiDefaults.JsonOptions, cancellationToken);
                if (scheduled.IsSuccessStatusCode)
                {
                    recorder.Record(Stopwatch.GetElapsedTime(started));
                }
                else
                {
                    recorder.RecordError();
                }
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        return recorder.ToResult("events", "meeting schedules, 32 connections", 0, elapsed, await CheckBookingsAsync(eventsDb, eventId, cancellationToken));
    }

    /// <summary>No participant in two meetings of one slot, and no table twice in one slot.</summary>
    private static async Task<string> CheckBookingsAsync(NpgsqlDataSource eventsDb, Guid eventId, CancellationToken cancellationToken)
    {
        await using var command = eventsDb.CreateCommand("""
            SELECT (SELECT count(*) FROM meetings WHERE event_id = $1 AND status = 'Scheduled'),
                   (SELECT count(*) FROM (SELECT 1 FROM meeting_bookings b JOIN meetings m ON m.id = b.meeting_id
                        WHERE m.event_id = $1 GROUP BY b.participant_id, b.starts_at HAVING count(*) > 1) d),
                   (SELECT count(*) FROM (SELECT 1 FROM meetings WHERE event_id = $1 AND status = 'Scheduled'
                        GROUP BY session_id, "table", starts_at HAVING count(*) > 1) t)
            """);
        command.Parameters.AddWithValue(eventId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (scheduled, doubleParticipants, doubleTables) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        return $"{(doubleParticipants + doubleTables == 0 ? "no double booking" : "DOUBLE BOOKED")}: {scheduled} scheduled, " +
            $"{doubleParticipants} participant and {doubleTables} table clashes";
    }
}
