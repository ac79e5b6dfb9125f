using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Reads an <c>iati-activities</c> document one activity at a time, never the whole file: DTDs are refused (no entity expansion,
/// so no XML bomb, and no external entity is ever fetched), the document is capped in size and each activity in bytes.
/// A malformed document is a 400 naming the line.
/// </summary>
public static class IatiFileReader
{
    public const long MaxActivityBytes = 4 * 1024 * 1024;

    public static XmlReaderSettings SafeSettings(long maxDocumentBytes) => new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = maxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static async IAsyncEnumerable<XElement> ReadActivitiesAsync(Stream body, long maxDocumentBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bounded = new BoundedStream(body, MaxActivityBytes);
        using var reader = XmlReader.Create(bounded, SafeSettings(maxDocumentBytes));
        if (await Guard(() => reader.MoveToContentAsync(), reader) != XmlNodeType.Element || reader.LocalName != "iati-activities")
        {
            throw new RequestValidationException("body", "The document is not an IATI activity file: its root element must be iati-activities.");
        }
        await Guard(() => reader.ReadAsync(), reader);
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader is { LocalName: "iati-activity", NamespaceURI: "" })
            {
                bounded.StartRecord();
                yield return (XElement)await Guard(() => XNode.ReadFromAsync(reader, cancellationToken), reader);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                await Guard(async () => { await reader.SkipAsync(); return true; }, reader);
            }
            else
            {
                await Guard(() => reader.ReadAsync(), reader);
            }
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> read, XmlReader reader)
    {
        try
        {
            return await read();
        }
        catch (XmlException e)
        {
            throw new RequestValidationException("body", $"The XML is not well-formed or not allowed (line {e.LineNumber}, position {e.LinePosition}): {e.Message}");
        }
        catch (RecordTooLargeException e)
        {
            var position = reader is IXmlLineInfo info ? $" (near line {info.LineNumber})" : "";
            throw new RequestValidationException("body", e.Message + position);
        }
    }
}
