namespace CooperationPlatform.Portfolio.Imports;

/// <summary>
/// A read-only stream that counts what it reads and fails once a record has read more than its budget: an import reads one record
/// at a time into memory, and this is what keeps one record (a single huge activity, say) from taking all of it. It also keeps the
/// first <paramref name="keepFirstBytes"/> bytes it reads, for a parser error that comes without a position.
/// </summary>
public sealed class BoundedStream(Stream inner, long maxRecordBytes, int keepFirstBytes = 0) : Stream
{
    private readonly byte[] _first = new byte[keepFirstBytes];
    private int _kept;
    private long _recordStart;

    /// <summary>The first bytes read, up to the number asked for.</summary>
    public ReadOnlySpan<byte> Prolog => _first.AsSpan(0, _kept);

    public long BytesRead { get; private set; }

    /// <summary>Starts the budget of the next record at the current position.</summary>
    public void StartRecord() => _recordStart = BytesRead;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Count(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(ReadOnlySpan<byte> buffer, int read)
    {
        if (_kept < _first.Length)
        {
            var keep = Math.Min(read, _first.Length - _kept);
            buffer[..keep].CopyTo(_first.AsSpan(_kept));
            _kept += keep;
        }
        BytesRead += read;
        if (BytesRead - _recordStart > maxRecordBytes)
        {
            throw new RecordTooLargeException(maxRecordBytes);
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

public sealed class RecordTooLargeException(long maxRecordBytes) : Exception(Describe(maxRecordBytes))
{
    public static string Describe(long maxRecordSize) => $"A record of the file is larger than {maxRecordSize / 1024 / 1024} MiB; split it or shorten its texts.";
}
