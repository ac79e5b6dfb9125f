using CooperationPlatform.ServiceDefaults.Csv;

namespace CooperationPlatform.ServiceDefaults.Tests;

public sealed class CsvWriterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    public void A_text_cell_a_spreadsheet_would_run_as_a_formula_is_quoted_behind_a_single_quote(string text, string written)
    {
        Assert.Equal(written + "\n", new CsvWriter().Text(text).EndRow().ToString());
    }

    [Theory]
    [InlineData("Bamboo, rattan", "\"Bamboo, rattan\"")]
    [InlineData("Say \"hi\"", "\"Say \"\"hi\"\"\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("1-2", "1-2")]
    [InlineData("", "")]
    public void Other_text_cells_are_written_as_rfc_4180_fields_unchanged(string text, string written)
    {
        Assert.Equal(written + "\n", new CsvWriter().Text(text).EndRow().ToString());
    }

    [Fact]
    public void Numbers_stay_numbers_even_when_negative()
    {
        var csv = new CsvWriter().Number(-5m).Number("-1234.5").Number("1E+3").Text("-5").EndRow().ToString();

        Assert.Equal("-5,-1234.5,1E+3,\"'-5\"\n", csv);
    }

    [Fact]
    public void A_number_cell_given_something_that_is_not_a_number_is_written_as_safe_text()
    {
        Assert.Equal("\"'=1+1\"\n", new CsvWriter().Number("=1+1").EndRow().ToString());
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back_with_only_the_neutralising_quote_added()
    {
        var written = new CsvWriter().Text("name").Text("amount").EndRow()
            .Text("=SUM(1,2)").Number(-5m).EndRow()
            .Text("Line\nbreak, \"quoted\"").Number(3m).EndRow().ToString();

        var reader = new CsvReader(new StringReader(written));
        var rows = new List<IReadOnlyList<string>>();
        while (await reader.ReadAsync(Cancel) is { } record)
        {
            rows.Add(record.Fields);
        }

        Assert.Equal([["name", "amount"], ["'=SUM(1,2)", "-5"], ["Line\nbreak, \"quoted\"", "3"]], rows);
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_fails_the_export_instead_of_becoming_replacement_characters()
    {
        var csv = new CsvWriter().Text("broken \ud800 surrogate").EndRow();

        Assert.ThrowsAny<ArgumentException>(() => csv.ToUtf8());
    }
}
