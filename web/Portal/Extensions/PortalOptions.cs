namespace CooperationPlatform.Portal;

/// <summary>Configuration section <c>Portal</c>.</summary>
public sealed class PortalOptions
{
    /// <summary>The public API's base address; <c>http://gateway</c> is resolved by service discovery (<c>services:gateway:http:0</c>).</summary>
    public string Gateway { get; set; } = "http://gateway";

    /// <summary>The most a page waits for one API call, retry included; past it, that section of the page says it is unavailable.</summary>
    public double TimeoutSeconds { get; set; } = 4;

    /// <summary>How long an anonymous page may be served from a cache (here and at the gateway): <c>Cache-Control: public, max-age</c>.</summary>
    public int PageCacheSeconds { get; set; } = 10;
}
