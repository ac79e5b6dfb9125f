using CooperationPlatform.Contracts.Messages;

namespace CooperationPlatform.Contracts.Tests.Messages;

/// <summary>The snapshot check itself, on messages that exist only here: version 1 and the ways version 2 may or may not differ.</summary>
public sealed class SnapshotComparisonTests
{
    [Fact]
    public void The_same_message_matches_its_own_snapshot() =>
        Assert.Null(MessageSnapshots.Compare("SampleRecorded", Json<SampleRecorded>(), Json<SampleRecorded>()));

    [Fact]
    public void A_removed_field_fails()
    {
        var failure = MessageSnapshots.Compare("SampleRecorded", Json<SampleRecorded>(), Json<SampleRecordedWithoutNote>());
        Assert.Contains("removed: $.note", failure);
    }

    [Fact]
    public void A_renamed_field_fails_as_removed_and_added()
    {
        var failure = MessageSnapshots.Compare("SampleRecorded", Json<SampleRecorded>(), Json<SampleRecordedWithRenamedNote>());
        Assert.Contains("removed: $.note", failure);
        Assert.Contains("added: $.comment", failure);
    }

    [Fact]
    public void A_retyped_nested_field_fails()
    {
        var failure = MessageSnapshots.Compare("SampleRecorded", Json<SampleRecorded>(), Json<SampleRecordedWithRetypedAmount>());
        Assert.Contains("changed: $.lines[0].amount", failure);
    }

    [Fact]
    public void An_added_field_fails_until_the_snapshot_is_updated()
    {
        var failure = MessageSnapshots.Compare("SampleRecorded", Json<SampleRecorded>(), Json<SampleRecordedWithTags>());
        Assert.Contains("added: $.tags", failure);
        Assert.Contains(MessageSnapshots.UpdateVariable + "=1", failure);
    }

    [Fact]
    public void Samples_are_the_same_on_every_run_and_fill_every_field()
    {
        var json = Json<SampleRecorded>();
        Assert.Equal(json, Json<SampleRecorded>());
        Assert.DoesNotContain("null", json);
        Assert.Contains("\"aggregateVersion\": 7", json);
    }

    private static string Json<T>() => MessageSnapshots.Serialize(typeof(T));

    public enum LineKind { Fee, Grant }

    public sealed record Line(LineKind Kind, decimal Amount);

    public sealed record TextLine(LineKind Kind, string Amount);

    public sealed record SampleRecorded : IntegrationEvent
    {
        public string? Note { get; init; }
        public IReadOnlyList<Line> Lines { get; init; } = [];
    }

    public sealed record SampleRecordedWithoutNote : IntegrationEvent
    {
        public IReadOnlyList<Line> Lines { get; init; } = [];
    }

    public sealed record SampleRecordedWithRenamedNote : IntegrationEvent
    {
        public string? Comment { get; init; }
        public IReadOnlyList<Line> Lines { get; init; } = [];
    }

    public sealed record SampleRecordedWithRetypedAmount : IntegrationEvent
    {
        public string? Note { get; init; }
        public IReadOnlyList<TextLine> Lines { get; init; } = [];
    }

    public sealed record SampleRecordedWithTags : IntegrationEvent
    {
        public string? Note { get; init; }
        public IReadOnlyList<Line> Lines { get; init; } = [];
        public IReadOnlyList<string> Tags { get; init; } = [];
    }
}
