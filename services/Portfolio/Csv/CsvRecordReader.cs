using System.Text;
using CooperationPlatform.Portfolio.Imports;

namespace CooperationPlatform.Portfolio.Csv;

/// <summary>
/// RFC 4180 records (quoted fields may hold commas, quotes and line breaks), read one at a time from a stream. It buffers the text
/// itself: a request body allows only asynchronous reads, and <see cref="TextReader.Peek"/> would read synchronously whenever the
/// reader's buffer ran out just after a quote.
/// </summary>
public sealed class CsvRecordReader(TextReader reader, int maxRecordChars)
{
    private const int EndOfFile = -1;
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _count;

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var quoted = false;
        var afterQuote = false;
        var length = 0;
        _field.Clear();
        while (true)
        {
            var next = await NextAsync(consume: true, cancellationToken);
            if (next == EndOfFile)
            {
                if (fields.Count == 0 && _field.Length == 0 && !afterQuote)
                {
                    return null;
                }
                fields.Add(_field.ToString());
                return fields;
            }
            if (++length > maxRecordChars)
            {
                throw new RecordTooLargeException(maxRecordChars);
            }
            var c = (char)next;
            if (quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (await NextAsync(consume: false, cancellationToken) == '"')
                {
                    await NextAsync(consume: true, cancellationToken);
                    _field.Append('"');
                }
                else
                {
                    quoted = false;
                    afterQuote = true;
                }
                continue;
            }
            switch (c)
            {
                case '"' when _field.Length == 0 && !afterQuote:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    afterQuote = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fields.Count == 0 && _field.Length == 0 && !afterQuote)
                    {
                        // A blank line.
                        length = 0;
                        continue;
                    }
                    fields.Add(_field.ToString());
                    return fields;
                default:
                    _field.Append(c);
                    break;
            }
        }
    }

    /// <summary>The next character (taken when <paramref name="consume"/>, else only looked at), or <see cref="EndOfFile"/>.</summary>
    private async ValueTask<int> NextAsync(bool consume, CancellationToken cancellationToken)
    {
        if (_position == _count)
        {
            _count = await reader.ReadAsync(_buffer, cancellationToken);
            _position = 0;
            if (_count == 0)
            {
                return EndOfFile;
            }
        }
        return consume ? _buffer[_position++] : _buffer[_position];
    }
}
