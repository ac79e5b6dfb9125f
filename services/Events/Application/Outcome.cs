namespace CooperationPlatform.Events.Application;

/// <summary>One item's result in a batch: a value, or the exception that item (and only it) ends with.</summary>
public readonly record struct Outcome<T>(T? Value, Exception? Error)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Exception error) => new(default, error);
}
