using CooperationPlatform.ServiceDefaults.Csv;

namespace CooperationPlatform.ServiceDefaults.Tests;

public sealed class CsvReaderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<List<CsvRecord>> ReadAllAsync(CsvReader reader)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in reader.ReadAllAsync(Cancel))
        {
            records.Add(record);
        }
        return records;
    }

    [Fact]
    public async Task Records_are_read_with_asynchronous_reads_only_whatever_the_chunks_the_body_arrives_in()
    {
        const string csv = "id,title\r\n1,\"Solar, \"\"biogas\"\" and\nwind\"\n\n2,plain\n3,\"\"\n";
        foreach (var chunk in new[] { 1, 2, 3, 7 })
        {
            var records = new CsvReader(new AsynchronousOnlyReader(csv, chunk), maxRecordLength: 1000);
            var read = new List<IReadOnlyList<string>>();
            while (await records.ReadAsync(Cancel) is { } record)
            {
                read.Add(record.Fields);
            }

            Assert.Equal<IEnumerable<string>>([["id", "title"], ["1", "Solar, \"biogas\" and\nwind"], ["2", "plain"], ["3", ""]], read);
        }
    }

    [Fact]
    public async Task Each_record_knows_the_line_it_starts_on_counting_blank_lines_and_line_breaks_in_quotes()
    {
        const string csv = "name,description\r\nA,\"two\r\nlines\"\r\n\r\nB,x\rC,y\n\nD,\"\"\"quoted\"\" end\"";

        var records = await ReadAllAsync(new CsvReader(new StringReader(csv)));

        Assert.Equal([1, 2, 5, 6, 8], records.Select(r => r.Line));
        Assert.Equal(["A", "two\nlines"], records[1].Fields);
        Assert.Equal(["D", "\"quoted\" end"], records[4].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task A_quote_still_open_at_the_end_of_the_file_is_a_record_with_an_error()
    {
        var records = await ReadAllAsync(new CsvReader(new StringReader("name,description\nA,\"never closed\nB,x\n")));

        var last = Assert.Single(records.Skip(1));
        Assert.Equal(2, last.Line);
        Assert.Equal("A quoted field is not closed before the end of the file.", last.Error);
        Assert.Equal("A", last.Fields[0]);
    }

    [Fact]
    public async Task A_field_over_the_limit_is_a_record_with_an_error_and_the_next_record_is_read()
    {
        var csv = $"name,description\nA,{new string('x', 21)}\nB,short\n";

        var records = await ReadAllAsync(new CsvReader(new StringReader(csv), maxFieldLength: 20));

        Assert.Equal("A field is longer than 20 characters.", records[1].Error);
        Assert.Equal(3, records[2].Line);
        Assert.Equal(["B", "short"], records[2].Fields);
        Assert.Null(records[2].Error);
    }

    [Fact]
    public async Task A_record_over_the_limit_refuses_the_file()
    {
        var reader = new CsvReader(new StringReader("a,\"" + new string('x', 100)), maxRecordLength: 50);

        var refused = await Assert.ThrowsAsync<CsvRecordTooLargeException>(() => reader.ReadAsync(Cancel));

        Assert.Equal(50, refused.MaxRecordLength);
    }

    [Fact]
    public async Task An_empty_file_has_no_records()
    {
        Assert.Null(await new CsvReader(new StringReader("")).ReadAsync(Cancel));
        Assert.Empty(await ReadAllAsync(new CsvReader(new StringReader("\r\n\n"))));
    }

    /// <summary>Like a request body: synchronous reads throw, and each asynchronous read returns at most a few characters.</summary>
    private sealed class AsynchronousOnlyReader(string text, int chunk) : TextReader
    {
        private int _position;

        public override int Peek() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override int Read() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(chunk, buffer.Length), text.Length - _position);
            text.AsSpan(_position, count).CopyTo(buffer.Span);
            _position += count;
            return ValueTask.FromResult(count);
        }
    }
}
