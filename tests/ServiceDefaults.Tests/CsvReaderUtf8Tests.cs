using System.Text;
using CooperationPlatform.ServiceDefaults.Csv;

namespace CooperationPlatform.ServiceDefaults.Tests;

public sealed class CsvReaderUtf8Tests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<List<IReadOnlyList<string>>> ReadAllAsync(byte[] bytes, int chunk)
    {
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var record in CsvReader.FromUtf8(new ChunkedStream(bytes, chunk)).ReadAllAsync(Cancel))
        {
            rows.Add(record.Fields);
        }
        return rows;
    }

    [Fact]
    public async Task Utf8_is_read_whole_whatever_the_chunks_cut_its_characters_and_a_byte_order_mark_is_skipped()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFFname,city\n\"中国南南合作网络\",Zürich 🌍\n");
        foreach (var chunk in new[] { 1, 2, 3, 5, 1024 })
        {
            Assert.Equal([["name", "city"], ["中国南南合作网络", "Zürich 🌍"]], await ReadAllAsync(bytes, chunk));
        }
    }

    [Theory]
    [InlineData("a\nb\n", 3)]
    [InlineData("a\r\nb\r\n", 3)]
    [InlineData("a\rb\r", 3)]
    [InlineData("\"a\nb\"\n", 3)]
    [InlineData("", 1)]
    public async Task Bytes_that_are_not_utf8_are_refused_naming_the_line_they_are_on(string before, int line)
    {
        foreach (var chunk in new[] { 1, 2, 1024 })
        {
            byte[] bytes = [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. "x\n"u8];

            var refused = await Assert.ThrowsAsync<CsvEncodingException>(() => ReadAllAsync(bytes, chunk));

            Assert.Equal(line, refused.Line);
        }
    }

    [Fact]
    public async Task A_character_cut_off_by_the_end_of_the_file_is_refused()
    {
        byte[] bytes = [.. "name\nabc"u8, 0xE4, 0xB8];

        var refused = await Assert.ThrowsAsync<CsvEncodingException>(() => ReadAllAsync(bytes, 1024));

        Assert.Equal(2, refused.Line);
    }

    /// <summary>A body that arrives a few bytes at a time, as a request body can.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
