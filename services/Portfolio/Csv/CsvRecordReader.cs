using System.Text;
using CooperationPlatform.Portfolio.Imports;

namespace CooperationPlatform.Portfolio.Csv;

/// <summary>RFC 4180 records (quoted fields may hold commas, quotes and line breaks), read one at a time from a stream.</summary>
public sealed class CsvRecordReader(TextReader reader, int maxRecordChars)
{
    private readonly StringBuilder _field = new();

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public async Task<List<string>?> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var buffer = new char[1];
        var quoted = false;
        var afterQuote = false;
        var length = 0;
        _field.Clear();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await reader.ReadAsync(buffer, cancellationToken);
            if (read == 0)
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
            var c = buffer[0];
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        await reader.ReadAsync(buffer, cancellationToken);
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    _field.Append(c);
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
}
