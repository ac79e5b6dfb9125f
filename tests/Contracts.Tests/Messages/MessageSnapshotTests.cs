namespace CooperationPlatform.Contracts.Tests.Messages;

public sealed class MessageSnapshotTests
{
    public static TheoryData<string> Messages => [.. MessageSnapshots.MessageTypes().Select(MessageSnapshots.NameOf)];

    [Theory(SkipTestWithoutData = true)]
    [MemberData(nameof(Messages))]
    public void A_message_keeps_the_shape_of_its_snapshot(string message) =>
        MessageSnapshots.Verify(MessageSnapshots.MessageTypes().Single(type => MessageSnapshots.NameOf(type) == message),
            MessageSnapshots.UpdateRequested);

    [Fact]
    public void Every_snapshot_still_has_its_message()
    {
        var messages = MessageSnapshots.MessageTypes().Select(MessageSnapshots.NameOf).ToHashSet();
        var orphans = System.IO.Directory.Exists(MessageSnapshots.Directory)
            ? System.IO.Directory.GetFiles(MessageSnapshots.Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Where(name => !messages.Contains(name!))
            : [];
        Assert.True(!orphans.Any(),
            $"These messages were removed, renamed or moved, which breaks their consumers: {string.Join(", ", orphans)}. " +
            "Restore them; a message is retired only when no service consumes it any more, and then its snapshot is deleted with it.");
    }
}
