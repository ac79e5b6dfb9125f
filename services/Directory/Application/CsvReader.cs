using System.Text;

namespace CooperationPlatform.Directory.Application;

/// <summary>A record of a CSV file: its fields, and the line it starts on (the header is line 1).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);

/// <summary>
/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes, quotes doubled inside them, line breaks allowed inside
/// quotes, CRLF or LF line ends. A record with an unterminated quote comes back with an error instead of swallowing the rest.
/// </summary>
public static class CsvReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, int maxFieldLength = 20_000)
    {
        var line = 1;
        while (true)
        {
            var text = await reader.ReadLineAsync();
            if (text is null)
            {
                yield break;
            }
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            string? error = null;
            var i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (!quoted)
                    {
                        fields.Add(field.ToString());
                        break;
                    }
                    var next = await reader.ReadLineAsync();
                    line++;
                    if (next is null)
                    {
                        error = "A quoted field is not closed before the end of the file.";
                        fields.Add(field.ToString());
                        break;
                    }
                    field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }
                var c = text[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else
                {
                    field.Append(c);
                }
                if (field.Length > maxFieldLength)
                {
                    error ??= $"A field is longer than {maxFieldLength} characters.";
                    field.Clear();
                }
            }
            line++;
            if (error is null && fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }
            yield return new CsvRecord(start, fields, error);
        }
    }
}
