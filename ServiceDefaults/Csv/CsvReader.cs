using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace CooperationPlatform.ServiceDefaults.Csv;

/// <summary>A record of a CSV file: its fields, the line it starts on (the first line is 1), and why it could not be read whole.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>A record longer than the reader allows: the file is refused whole, since a runaway quote would swallow the rest of it.</summary>
public sealed class CsvRecordTooLargeException(int maxRecordLength)
    : Exception($"A record of the file is longer than {maxRecordLength} characters.")
{
    public int MaxRecordLength => maxRecordLength;
}

/// <summary>Bytes that are not UTF-8: the file is refused whole rather than read with replacement characters in place of its text.</summary>
public sealed class CsvEncodingException(int line)
    : Exception($"Line {line} is not valid UTF-8; save the file as UTF-8 and send it again.")
{
    public int Line => line;
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
    /// <summary>
    /// A reader of a UTF-8 file (a byte order mark is skipped) that throws <see cref="CsvEncodingException"/>, naming the line, at
    /// the first bytes that are not UTF-8; a <see cref="StreamReader"/> would silently read them as U+FFFD.
    /// </summary>
    public static CsvReader FromUtf8(Stream stream, int maxFieldLength = int.MaxValue, int maxRecordLength = int.MaxValue) =>
        new(new StrictUtf8Reader(stream), maxFieldLength, maxRecordLength);

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
            try
            {
                _count = await reader.ReadAsync(_buffer, cancellationToken);
            }
            catch (StrictUtf8Reader.InvalidUtf8Exception)
            {
                // A look past a CR happens before the CR is counted as a line end.
                var afterCr = !consume && _position > 0 && _buffer[_position - 1] == '\r';
                throw new CsvEncodingException(afterCr ? _line + 1 : _line);
            }
            _position = 0;
            if (_count == 0)
            {
                return EndOfFile;
            }
        }
        return consume ? _buffer[_position++] : _buffer[_position];
    }

    /// <summary>Decodes UTF-8 with no replacement: the text before bytes that are not UTF-8 is returned, and the read after it throws.</summary>
    private sealed class StrictUtf8Reader(Stream stream) : TextReader
    {
        private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
        private readonly byte[] _bytes = new byte[16 * 1024];
        private int _start;
        private int _end;
        private bool _endOfStream;
        private bool _startChecked;

        public sealed class InvalidUtf8Exception : Exception;

        public override int Read() => throw new NotSupportedException("The CSV reader reads asynchronously.");

        public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }
            while (true)
            {
                if (_startChecked || _endOfStream || _end >= ByteOrderMark.Length)
                {
                    if (!_startChecked)
                    {
                        _startChecked = true;
                        _start = _bytes.AsSpan(0, _end).StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
                    }
                    var status = Utf8.ToUtf16(_bytes.AsSpan(_start, _end - _start), buffer.Span, out var bytesRead, out var charsWritten,
                        replaceInvalidSequences: false, isFinalBlock: _endOfStream);
                    _start += bytesRead;
                    if (charsWritten > 0)
                    {
                        return charsWritten;
                    }
                    if (status == OperationStatus.InvalidData)
                    {
                        throw new InvalidUtf8Exception();
                    }
                    if (_endOfStream)
                    {
                        return 0;
                    }
                }
                // Everything was decoded, or what is left is a character cut by the end of a read: read on.
                _bytes.AsSpan(_start, _end - _start).CopyTo(_bytes);
                _end -= _start;
                _start = 0;
                var read = await stream.ReadAsync(_bytes.AsMemory(_end), cancellationToken);
                _end += read;
                _endOfStream = read == 0;
            }
        }
    }
}
