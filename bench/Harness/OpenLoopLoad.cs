using System.Diagnostics;

namespace CooperationPlatform.Bench;

/// <summary>
/// Fires operations on a fixed schedule, whatever the previous ones are doing (open loop). Latency counts from the moment
/// an operation was due, not when it was sent, so a stall shows up in the figures instead of hiding them (no coordinated omission).
/// </summary>
public static class OpenLoopLoad
{
    public static async Task<LatencyRecorder> RunAsync(double ratePerSecond, TimeSpan duration, Func<CancellationToken, Task> operation,
        CancellationToken cancellationToken, int maxInFlight = 2048)
    {
        var recorder = new LatencyRecorder();
        var ticksBetween = Stopwatch.Frequency / ratePerSecond;
        var total = (long)(ratePerSecond * duration.TotalSeconds);
        var inFlight = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>((int)Math.Min(total, 1_000_000));
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A thread of its own that sleeps to each due time with the kernel's precision. Task.Delay wakes on a timer of about a
        // millisecond and then waits for a pool thread: at 500/s that lateness alone made a p50 of 1.5 ms out of a 0.2 ms answer,
        // because latency counts from the due time.
        var scheduler = new Thread(() =>
        {
            try
            {
                var start = Stopwatch.GetTimestamp();
                for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
                {
                    var due = start + (long)(ticksBetween * i);
                    PreciseSleep.Until(due);
                    inFlight.Wait(cancellationToken);
                    // On a pool thread: whatever an operation does before its first await must not delay the next one's start.
                    running.Add(Task.Run(() => MeasureAsync(due), cancellationToken));
                }
                scheduled.SetResult();
            }
            catch (OperationCanceledException)
            {
                scheduled.SetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                scheduled.SetException(e);
            }
        }) { IsBackground = true, Name = "open-loop schedule" };
        scheduler.Start();
        await scheduled.Task;
        await Task.WhenAll(running);
        return recorder;

        async Task MeasureAsync(long due)
        {
            try
            {
                await operation(cancellationToken);
                recorder.Record(Stopwatch.GetElapsedTime(due));
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                recorder.RecordError();
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    /// <summary>
    /// The operation first unrecorded for <paramref name="warmUp"/> at <paramref name="warmUpRate"/> (the JIT and the thread pool settle
    /// in the first seconds under load), then measured at <paramref name="ratePerSecond"/> for <paramref name="duration"/>.
    /// </summary>
    public static async Task<(LatencyRecorder Recorder, TimeSpan Elapsed)> WarmThenRunAsync(double warmUpRate, TimeSpan warmUp, double ratePerSecond,
        TimeSpan duration, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        await RunAsync(warmUpRate, warmUp, operation, cancellationToken);
        var clock = Stopwatch.StartNew();
        var recorder = await RunAsync(ratePerSecond, duration, operation, cancellationToken);
        return (recorder, clock.Elapsed);
    }

    /// <summary>Closed loop with <paramref name="concurrency"/> workers, for "as fast as it goes" throughput.</summary>
    public static async Task<LatencyRecorder> RunClosedAsync(int concurrency, TimeSpan duration, Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(cancellationToken);
                    recorder.Record(Stopwatch.GetElapsedTime(start));
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    recorder.RecordError();
                }
            }
        }, cancellationToken)));
        return recorder;
    }
}
