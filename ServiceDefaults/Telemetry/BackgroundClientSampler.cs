using System.Diagnostics;
using OpenTelemetry.Trace;

namespace CooperationPlatform.ServiceDefaults.Telemetry;

/// <summary>
/// Drops traces that start with an outgoing call: the outbox relay's and the inbox's polls, health checks of backends, cache
/// refreshes. Each would be a trace of its own every second, burying the requests and messages in the dashboard. A call made while
/// handling a request or a message has a parent and is kept with it.
/// </summary>
public sealed class BackgroundClientSampler : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop : Keep;
}
