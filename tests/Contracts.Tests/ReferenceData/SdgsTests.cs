using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.Contracts.Tests.ReferenceData;

public class SdgsTests
{
    [Fact]
    public void Has_17_goals_numbered_in_order()
    {
        Assert.Equal(Enumerable.Range(1, 17), Sdgs.All.Select(g => g.Number));
    }

    [Fact]
    public void Has_169_unique_targets()
    {
        var targets = Sdgs.All.SelectMany(g => g.Targets).ToList();

        Assert.Equal(169, targets.Count);
        Assert.Equal(169, targets.Distinct().Count());
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 8)]
    [InlineData(3, 13)]
    [InlineData(4, 10)]
    [InlineData(5, 9)]
    [InlineData(6, 8)]
    [InlineData(7, 5)]
    [InlineData(8, 12)]
    [InlineData(9, 8)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(12, 11)]
    [InlineData(13, 5)]
    [InlineData(14, 10)]
    [InlineData(15, 12)]
    [InlineData(16, 12)]
    [InlineData(17, 19)]
    public void Each_goal_has_its_number_of_targets(int goal, int targets)
    {
        Assert.True(Sdgs.TryGet(goal, out var sdg));
        Assert.Equal(targets, sdg.Targets.Count);
    }

    [Fact]
    public void Lists_numbered_targets_then_lettered_ones()
    {
        Assert.True(Sdgs.TryGet(1, out var goal1));
        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"], goal1.Targets);
        Assert.True(Sdgs.TryGet(17, out var goal17));
        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"17.{i}"), goal17.Targets);
    }

    [Fact]
    public void Every_target_is_prefixed_by_its_goal()
    {
        Assert.All(Sdgs.All, g => Assert.All(g.Targets, t => Assert.Matches($"^{g.Number}\\.([1-9][0-9]?|[a-d])$", t)));
    }

    [Theory]
    [InlineData(1, "No Poverty")]
    [InlineData(9, "Industry, Innovation and Infrastructure")]
    [InlineData(17, "Partnerships for the Goals")]
    public void Uses_official_short_names(int goal, string name)
    {
        Assert.True(Sdgs.TryGet(goal, out var sdg));
        Assert.Equal(name, sdg.Name);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(17, true)]
    [InlineData(0, false)]
    [InlineData(18, false)]
    [InlineData(-1, false)]
    public void Knows_which_numbers_are_goals(int number, bool isGoal)
    {
        Assert.Equal(isGoal, Sdgs.IsGoal(number));
        Assert.Equal(isGoal, Sdgs.TryGet(number, out _));
    }

    [Theory]
    [InlineData("1.1", 1)]
    [InlineData("1.b", 1)]
    [InlineData("9.2", 9)]
    [InlineData("9.c", 9)]
    [InlineData("9.C", 9)]
    [InlineData("17.19", 17)]
    [InlineData("16.10", 16)]
    public void Finds_the_goal_of_a_target(string target, int goal)
    {
        Assert.True(Sdgs.IsTarget(target));
        Assert.Equal(goal, Sdgs.GoalOf(target));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9")]
    [InlineData("9.")]
    [InlineData("1.6")]
    [InlineData("1.c")]
    [InlineData("7.4")]
    [InlineData("17.20")]
    [InlineData("17.a")]
    [InlineData("18.1")]
    [InlineData(" 9.2")]
    public void Rejects_ids_that_are_not_targets(string? target)
    {
        Assert.False(Sdgs.IsTarget(target));
        Assert.Null(Sdgs.GoalOf(target));
    }

    [Theory]
    [InlineData("9.2", 9, true)]
    [InlineData("9.2", 8, false)]
    [InlineData("9.a", 9, true)]
    [InlineData("8.10", 8, true)]
    [InlineData("8.10", 10, false)]
    [InlineData("nope", 9, false)]
    public void Tells_whether_a_target_belongs_to_a_goal(string target, int goal, bool belongs)
    {
        Assert.Equal(belongs, Sdgs.TargetBelongsTo(target, goal));
    }
}
