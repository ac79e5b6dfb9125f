using System.Runtime.CompilerServices;
using System.Text;

namespace CooperationPlatform.ServiceDefaults.Csv;

/// <summary>A record of a CSV file: its fields, the line it starts on (the first line is 1), and why it could not be read whole.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>A record longer than the reader allows: the file is refused whole, since a runaway quote would swallow the rest of it.</summary>
public sealed class CsvRecordTooLargeException(int maxRecordLength)
    : Exception($"A record of the file is longer than {maxRecordLength} characters.")
{
    public int MaxRecordLength => maxRecordLength;
}

/// <summary>
/// Reads RFC 4180 CSV: comma-separated fields, optionally in double quotes, quotes doubled inside them, line breaks allowed inside
/// quotes. Lines end in CRLF, LF or CR, and a line break inside quotes is read as LF. Blank lines are skipped (they still count in
/// line numbers). A field longer than <c>maxFieldLength</c>, or a quote still open at the end of the file, comes back as a record
/// with an error; a record longer than <c>maxRecordLength</c> throws <see cref="CsvRecordTooLargeException"/>.
/// It buffers the text itself: a request body allows only asynchronous reads, and <see cref="TextReader.Peek"/> would read
/// synchronously whenever the reader's buffer ran out just after a quote.
/// </summary>
public sealed class CsvReader(TextReader reader, int maxFieldLength = int.MaxValue, int maxRecordLength = int.MaxValue)
{
    private const int EndOfFile = -1;
    private readonly StringBuilder _field = new();
    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _count;
    private int _line = 1;

    /// <summary>The next record, or null at the end of the file.</summary>
    public async Task<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var quoted = false;
        var afterQuote = false;
        var length = 0;
        var start = _line;
        string? error = null;
        _field.Clear();
        while (true)
        {
            var next = await NextAsync(consume: true, cancellationToken);
            if (next == EndOfFile)
            {
                if (fields.Count == 0 && _field.Length == 0 && !afterQuote && !quoted)
                {
                    return null;
                }
                if (quoted)
                {
                    error ??= "A quoted field is not closed before the end of the file.";
                }
                fields.Add(_field.ToString());
                return new CsvRecord(start, fields, error);
            }
            if (++length > maxRecordLength)
            {
                throw new CsvRecordTooLargeException(maxRecordLength);
            }
            var c = (char)next;
            if (c == '\r')
            {
                if (await NextAsync(consume: false, cancellationToken) == '\n')
                {
                    await NextAsync(consume: true, cancellationToken);
                }
                c = '\n';
            }
            if (c == '\n')
            {
                _line++;
            }
            if (quoted)
            {
                if (c != '"')
                {
                    error ??= Append(c);
                }
                else if (await NextAsync(consume: false, cancellationToken) == '"')
                {
                    await NextAsync(consume: true, cancellationToken);
                    error ??= Append('"');
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
                case '\n' when fields.Count == 0 && _field.Length == 0 && !afterQuote && error is null:
                    length = 0;
                    start = _line;
                    break;
                case '\n':
                    fields.Add(_field.ToString());
                    return new CsvRecord(start, fields, error);
                default:
                    error ??= Append(c);
                    break;
            }
        }
    }

    /// <summary>Every record to the end of the file.</summary>
    public async IAsyncEnumerable<CsvRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken) is { } record)
        {
            yield return record;
        }
    }

    /// <summary>Adds a character to the field; a field over the limit is dropped, so an oversized file costs no more memory.</summary>
    private string? Append(char c)
    {
        _field.Append(c);
        if (_field.Length <= maxFieldLength)
        {
            return null;
        }
        _field.Clear();
        return $"A field is longer than {maxFieldLength} characters.";
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
