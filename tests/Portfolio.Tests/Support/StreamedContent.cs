using System.Net;

namespace CooperationPlatform.Portfolio.Tests.Support;

/// <summary>A request body produced while it is sent, so a test can send a file far larger than it ever holds.</summary>
public sealed class StreamedContent(Func<Stream, Task> write, string mediaType) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    public StreamedContent WithType()
    {
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return this;
    }
}
