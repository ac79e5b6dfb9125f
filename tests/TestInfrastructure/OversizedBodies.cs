namespace CooperationPlatform.Testing;

/// <summary>Sends a body the server is expected to refuse as too large, the way a well-behaved client does.</summary>
public static class OversizedBodies
{
    /// <summary>
    /// Posts <paramref name="content"/> with a Content-Length and <c>Expect: 100-continue</c>. Kestrel refuses a declared length
    /// over its limit before asking for the body and then closes the connection; a client already sending the body would often
    /// see a broken pipe instead of the 413, which made the tests that check the 413 flaky.
    /// </summary>
    public static async Task<HttpResponseMessage> PostOversizedAsync(this HttpClient client, string uri, HttpContent content)
    {
        var cancel = TestContext.Current.CancellationToken;
        await content.LoadIntoBufferAsync(cancel);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.ExpectContinue = true;
        return await client.SendAsync(request, cancel);
    }
}
