using System.Security.Claims;
using CooperationPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CooperationPlatform.Testing;

/// <summary>
/// Access tokens for tests that host one service without the gateway: signed with a test-only symmetric key that
/// <see cref="ServiceConfiguration"/> tells the service to trust. The end-to-end tests use real tokens from the gateway instead.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://tests.cooperation-platform.invalid/";
    private static readonly byte[] Key = Convert.FromBase64String("dGVzdC1vbmx5LXNpZ25pbmcta2V5LWZvci1jb29wZXJhdGlvbi1wbGF0Zm9ybS10ZXN0cw==");

    /// <summary>Configuration for a service under test: trust tokens from <see cref="Create"/>.</summary>
    public static IReadOnlyDictionary<string, string?> ServiceConfiguration => new Dictionary<string, string?>
    {
        ["Authentication:SigningKey"] = Convert.ToBase64String(Key),
        ["Authentication:Issuer"] = Issuer,
    };

    /// <summary>A token for <paramref name="clientId"/> with <paramref name="scopes"/>, for the audiences those scopes grant.</summary>
    public static string Create(string clientId, params string[] scopes) =>
        Create(clientId, scopes, scopes.SelectMany(PlatformScopes.AudiencesOf).Distinct().ToArray());

    public static string Create(string clientId, string[] scopes, string[] audiences, DateTime? expires = null, byte[]? signingKey = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["client_id"] = clientId,
            ["sub"] = clientId,
            ["scope"] = string.Join(' ', scopes),
            ["aud"] = audiences,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Claims = claims,
            IssuedAt = (expires ?? now.AddMinutes(10)).AddMinutes(-10),
            NotBefore = (expires ?? now.AddMinutes(10)).AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    public static ClaimsPrincipal Principal(string clientId, params string[] scopes) =>
        new(new ClaimsIdentity([new Claim("client_id", clientId), new Claim("scope", string.Join(' ', scopes))], "test"));
}
