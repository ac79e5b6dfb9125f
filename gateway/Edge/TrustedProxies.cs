using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CooperationPlatform.Gateway.Edge;

/// <summary>
/// Behind an ingress or a load balancer every caller would come from its address, and so share one anonymous rate limit. The
/// proxies listed in <c>Gateway:TrustedProxies</c> (addresses or CIDR networks) may name the caller in <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c>; nobody else can. None are listed by default: the connection's address is the caller's.
/// </summary>
public static class TrustedProxies
{
    private const string Section = "Gateway:TrustedProxies";

    public static void Add(IHostApplicationBuilder builder)
    {
        var entries = builder.Configuration.GetSection(Section).Get<string[]>() ?? [];
        if (entries.Length == 0)
        {
            return;
        }
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the entry the trusted proxy itself appended: earlier entries were written by whoever called it.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in entries)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
                else
                {
                    throw new InvalidOperationException($"{Section} holds '{entry}', which is neither an IP address nor a CIDR network (10.0.0.0/8).");
                }
            }
        });
    }
}
