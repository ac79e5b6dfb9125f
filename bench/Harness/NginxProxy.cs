using System.Diagnostics;
using CooperationPlatform.AppHost;

namespace CooperationPlatform.Bench;

/// <summary>
/// nginx (Debian's package) as the plain reverse proxy users would otherwise pick: one worker, an upstream keepalive pool,
/// no access log. Started for the benchmark and stopped after it.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }
    public int ProcessId => _process.Id;

    public static bool IsInstalled => File.Exists("/usr/sbin/nginx");

    public static async Task<NginxProxy> StartAsync(Uri backend)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cooperation-nginx-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                upstream backend { server {{backend.Host}}:{{backend.Port}}; keepalive 64; }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://backend;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                    }
                }
            }
            """);
        var start = OwnSession.StartInfo("/usr/sbin/nginx", ["-c", config, "-p", directory]);
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var url = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                (await probe.GetAsync(url)).Dispose();
                break;
            }
            catch (HttpRequestException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
        return new NginxProxy(process, directory, url);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
