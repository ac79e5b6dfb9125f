using System.Globalization;
using System.Text;

namespace CooperationPlatform.ServiceDefaults.Csv;

/// <summary>
/// The one CSV writer of every export: RFC 4180 fields, rows ending in LF, as <see cref="CsvReader"/> reads them. Files are opened
/// in spreadsheets, so a text cell that a spreadsheet would run as a formula (one starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return) is written with a leading single quote and in quotes, as OWASP recommends against CSV
/// injection. Numbers are written as numbers, so a negative one stays a number. UTF-8 is checked as it is encoded: text that is not
/// valid Unicode fails the export instead of reaching the file as replacement characters.
/// </summary>
public sealed class CsvWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    private readonly StringBuilder _csv = new();
    private bool _rowStarted;

    /// <summary>A text cell; null is an empty cell.</summary>
    public CsvWriter Text(string? value)
    {
        value ??= "";
        if (value.Length > 0 && Array.IndexOf(FormulaStarts, value[0]) >= 0)
        {
            return Cell(Quote("'" + value));
        }
        return Cell(value.IndexOfAny(NeedsQuotes) < 0 ? value : Quote(value));
    }

    /// <summary>A number cell, written in invariant culture so that any spreadsheet reads it back as the same number.</summary>
    public CsvWriter Number(decimal value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number already in invariant form (a JSON number); anything else is written as text.</summary>
    public CsvWriter Number(string value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? Cell(value) : Text(value);

    public CsvWriter EndRow()
    {
        _csv.Append('\n');
        _rowStarted = false;
        return this;
    }

    public override string ToString() => _csv.ToString();

    public byte[] ToUtf8() => Utf8.GetBytes(_csv.ToString());

    private CsvWriter Cell(string written)
    {
        if (_rowStarted)
        {
            _csv.Append(',');
        }
        _csv.Append(written);
        _rowStarted = true;
        return this;
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
