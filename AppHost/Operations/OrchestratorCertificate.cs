using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CooperationPlatform.AppHost.Operations;

/// <summary>
/// Gives DCP's API server a certificate instead of letting it make one. Without <c>--tls-cert-file</c> DCP generates an ephemeral
/// RSA key on every start: 1.7 to 5 s of one core (RSA key generation takes a random time), before any resource starts. Aspire
/// passes no such flag, so <c>DcpPublisher:CliPath</c> points at a small script that adds it; an ECDSA key takes a millisecond.
/// </summary>
public static class OrchestratorCertificate
{
    public static void Use(IDistributedApplicationBuilder builder, PlatformOptions options)
    {
        if (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(builder.Configuration["DcpPublisher:CliPath"])
            || typeof(OrchestratorCertificate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(attribute => attribute.Key == "dcpclipath")?.Value is not { Length: > 0 } dcp)
        {
            return;
        }
        var folder = Path.Combine(options.DataDirectory, "orchestrator");
        Directory.CreateDirectory(folder);
        var certificate = Path.Combine(folder, "apiserver.crt");
        var key = Path.Combine(folder, "apiserver.key");
        WriteSelfSigned(certificate, key);

        var script = Path.Combine(folder, "dcp");
        File.WriteAllText(script,
            $"""
            #!/bin/sh
            if [ "$1" = start-apiserver ]; then exec '{dcp}' "$@" --tls-cert-file '{certificate}' --tls-key-file '{key}'; fi
            exec '{dcp}' "$@"

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        builder.Configuration["DcpPublisher:CliPath"] = script;
    }

    /// <summary>A new key on every start, readable by this user only: the API server is on loopback and lives as long as the AppHost.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WriteSelfSigned(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        File.WriteAllText(keyPath, "");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
    }
}
