using CooperationPlatform.Portfolio.Csv;

namespace CooperationPlatform.Portfolio.Tests;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public async Task Records_are_read_with_asynchronous_reads_only_whatever_the_chunks_the_body_arrives_in()
    {
        const string csv = "id,title\r\n1,\"Solar, \"\"biogas\"\" and\nwind\"\n\n2,plain\n3,\"\"\n";
        foreach (var chunk in new[] { 1, 2, 3, 7 })
        {
            var records = new CsvRecordReader(new AsynchronousOnlyReader(csv, chunk), maxRecordChars: 1000);
            var read = new List<List<string>>();
            while (await records.ReadAsync(TestContext.Current.CancellationToken) is { } record)
            {
                read.Add(record);
            }

            Assert.Equal<IEnumerable<string>>([["id", "title"], ["1", "Solar, \"biogas\" and\nwind"], ["2", "plain"], ["3", ""]], read);
        }
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
