namespace CooperationPlatform.Messaging;

/// <summary>Wakes the relay of <typeparamref name="TDbContext"/> when a transaction that wrote outbox rows commits.</summary>
public sealed class OutboxSignal<TDbContext> : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _raised;

    public void Raise()
    {
        // Many commits between two batches wake the relay once.
        if (Interlocked.Exchange(ref _raised, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits for a commit or the timeout. Rows committed before this returns are visible to the next read.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _wake.WaitAsync(timeout, cancellationToken))
        {
            Volatile.Write(ref _raised, 0);
        }
    }

    public void Dispose() => _wake.Dispose();
}
