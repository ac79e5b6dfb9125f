using System.Security.Cryptography;

namespace CooperationPlatform.AppHost;

/// <summary>
/// Secrets a local run needs and keeps between runs in the data folder: the gateway's token-signing key (so tokens survive a
/// restart) and the development client's secret (so the printed one keeps working).
/// </summary>
public sealed record PlatformSecrets(string GatewaySigningKey, string DevelopmentClientSecret)
{
    public const string DevelopmentClientId = "dev-partner";

    public static PlatformSecrets LoadOrCreate(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "secrets");
        System.IO.Directory.CreateDirectory(folder);
        return new PlatformSecrets(
            ReadOrWrite(Path.Combine(folder, "gateway-signing-key"), () =>
            {
                using var rsa = RSA.Create(2048);
                return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
            }),
            ReadOrWrite(Path.Combine(folder, "dev-client-secret"), () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()));
    }

    private static string ReadOrWrite(string path, Func<string> create)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var value = create();
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return value;
    }
}
