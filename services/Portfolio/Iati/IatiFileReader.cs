using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using CooperationPlatform.Portfolio.Imports;
using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Portfolio.Iati;

/// <summary>
/// Reads an <c>iati-activities</c> document one activity at a time, never the whole file: DTDs are refused (no entity expansion,
/// so no XML bomb, and no external entity is ever fetched), the document is capped in size, and each activity in bytes, depth and
/// nodes, so reading stays linear in the input. A malformed document is a 400 naming the line and position.
/// </summary>
public static class IatiFileReader
{
    public const long MaxActivityBytes = 4 * 1024 * 1024;

    /// <summary>Deepest element nesting in the document; IATI itself needs about six levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most elements, attributes and texts in one activity; a real activity has a few thousand at most.</summary>
    public const int MaxActivityNodes = 100_000;

    /// <summary>How much of the start of the document is kept to find a refused DOCTYPE, which .NET reports without a position.</summary>
    private const int PrologBytes = 8 * 1024;

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
        var bounded = new BoundedStream(body, MaxActivityBytes, PrologBytes);
        using var reader = XmlReader.Create(bounded, SafeSettings(maxDocumentBytes));
        if (await Guard(() => reader.MoveToContentAsync(), reader, bounded) != XmlNodeType.Element || reader.LocalName != "iati-activities")
        {
            throw new RequestValidationException("body", "The document is not an IATI activity file: its root element must be iati-activities.");
        }
        await Guard(() => reader.ReadAsync(), reader, bounded);
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader is { LocalName: "iati-activity", NamespaceURI: "" })
            {
                bounded.StartRecord();
                yield return await Guard(() => ReadActivityAsync(reader), reader, bounded);
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                await Guard(async () => { await reader.SkipAsync(); return true; }, reader, bounded);
            }
            else
            {
                await Guard(() => reader.ReadAsync(), reader, bounded);
            }
        }
    }

    /// <summary>
    /// The activity the reader is on, as an element, the reader left after it. Not <see cref="XNode.ReadFromAsync"/>: adding a
    /// node walks up to its root (a check against cycles), so its time grows with the square of the depth, 52 s for 100,000
    /// nested elements; here the depth is capped before the walk can grow, and the nodes are counted.
    /// </summary>
    private static async Task<XElement> ReadActivityAsync(XmlReader reader)
    {
        var nodes = 0;
        var activity = NewElement(reader, ref nodes);
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return activity;
        }
        var current = activity;
        while (await reader.ReadAsync())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth >= MaxDepth)
                    {
                        throw Refuse(reader, $"Elements are nested more than {MaxDepth} deep; an IATI activity needs far fewer levels.");
                    }
                    var element = NewElement(reader, ref nodes);
                    current.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        current = element;
                    }
                    break;
                case XmlNodeType.EndElement when current == activity:
                    await reader.ReadAsync();
                    return activity;
                case XmlNodeType.EndElement:
                    current = current.Parent!;
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace:
                    current.Add(new XText(await reader.GetValueAsync()));
                    nodes++;
                    break;
                case XmlNodeType.CDATA:
                    current.Add(new XCData(await reader.GetValueAsync()));
                    nodes++;
                    break;
            }
            if (nodes > MaxActivityNodes)
            {
                throw Refuse(reader, $"An activity has more than {MaxActivityNodes:N0} elements, attributes and texts; split it.");
            }
        }
        return activity;
    }

    private static XElement NewElement(XmlReader reader, ref int nodes)
    {
        var element = new XElement(XNamespace.Get(reader.NamespaceURI).GetName(reader.LocalName));
        nodes++;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                // As XNode.ReadFrom names them: an unprefixed attribute is in no namespace, a namespace declaration keeps its own.
                element.Add(new XAttribute(XNamespace.Get(reader.Prefix.Length == 0 ? "" : reader.NamespaceURI).GetName(reader.LocalName), reader.Value));
                nodes++;
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return element;
    }

    private static RequestValidationException Refuse(XmlReader reader, string error) =>
        new("body", $"{error} (line {Line(reader)}, position {Position(reader)})");

    private static int Line(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;

    private static int Position(XmlReader reader) => reader is IXmlLineInfo info ? info.LinePosition : 0;

    private static async Task<T> Guard<T>(Func<Task<T>> read, XmlReader reader, BoundedStream bounded)
    {
        try
        {
            return await read();
        }
        catch (XmlException e) when (e.LineNumber == 0 && FindDoctype(bounded.Prolog) is { } doctype)
        {
            throw new RequestValidationException("body",
                $"A document type declaration (<!DOCTYPE>) is not accepted (line {doctype.Line}, position {doctype.Position}): " +
                "IATI files need none, and one could expand entities or fetch other files. Remove it.");
        }
        catch (XmlException e) when (e.LineNumber == 0)
        {
            throw new RequestValidationException("body", "The document is empty or has no root element.");
        }
        catch (XmlException e)
        {
            throw new RequestValidationException("body",
                $"The XML is not well-formed (line {e.LineNumber}, position {e.LinePosition}): {WithoutPosition(e)}");
        }
        catch (RecordTooLargeException e)
        {
            throw new RequestValidationException("body", $"{e.Message} (near line {Line(reader)})");
        }
    }

    /// <summary>.NET ends its messages with the position, which the answer already gives in its own words.</summary>
    private static string WithoutPosition(XmlException e)
    {
        var suffix = $" Line {e.LineNumber}, position {e.LinePosition}.";
        return e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }

    private static (int Line, int Position)? FindDoctype(ReadOnlySpan<byte> prolog)
    {
        var text = Encoding.UTF8.GetString(prolog);
        var at = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var lineStart = text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1;
        return (text.AsSpan(0, at).Count('\n') + 1, at - lineStart + 1);
    }
}
