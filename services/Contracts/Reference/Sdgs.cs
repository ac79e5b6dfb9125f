// Source: UN General Assembly resolution A/RES/70/1 (25 September 2015), goals and targets of the 2030 Agenda; goal short names from the UN's SDG communication materials.
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CooperationPlatform.Contracts.Reference;

public sealed record SdgGoal(int Number, string Name, IReadOnlyList<string> Targets);

public static class Sdgs
{
    public static IReadOnlyList<SdgGoal> All { get; } =
    [
        Goal(1, "No Poverty", numberedTargets: 5, lettered: "ab"),
        Goal(2, "Zero Hunger", numberedTargets: 5, lettered: "abc"),
        Goal(3, "Good Health and Well-being", numberedTargets: 9, lettered: "abcd"),
        Goal(4, "Quality Education", numberedTargets: 7, lettered: "abc"),
        Goal(5, "Gender Equality", numberedTargets: 6, lettered: "abc"),
        Goal(6, "Clean Water and Sanitation", numberedTargets: 6, lettered: "ab"),
        Goal(7, "Affordable and Clean Energy", numberedTargets: 3, lettered: "ab"),
        Goal(8, "Decent Work and Economic Growth", numberedTargets: 10, lettered: "ab"),
        Goal(9, "Industry, Innovation and Infrastructure", numberedTargets: 5, lettered: "abc"),
        Goal(10, "Reduced Inequalities", numberedTargets: 7, lettered: "abc"),
        Goal(11, "Sustainable Cities and Communities", numberedTargets: 7, lettered: "abc"),
        Goal(12, "Responsible Consumption and Production", numberedTargets: 8, lettered: "abc"),
        Goal(13, "Climate Action", numberedTargets: 3, lettered: "ab"),
        Goal(14, "Life Below Water", numberedTargets: 7, lettered: "abc"),
        Goal(15, "Life on Land", numberedTargets: 9, lettered: "abc"),
        Goal(16, "Peace, Justice and Strong Institutions", numberedTargets: 10, lettered: "ab"),
        Goal(17, "Partnerships for the Goals", numberedTargets: 19, lettered: ""),
    ];

    private static readonly FrozenDictionary<string, int> GoalByTarget = All
        .SelectMany(g => g.Targets.Select(t => KeyValuePair.Create(t, g.Number)))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool IsGoal(int number) => number >= 1 && number <= All.Count;

    public static bool TryGet(int number, [MaybeNullWhen(false)] out SdgGoal goal)
    {
        goal = IsGoal(number) ? All[number - 1] : null;
        return goal is not null;
    }

    /// <summary>True for a target id such as "9.2" or "9.a"; letters match ignoring case.</summary>
    public static bool IsTarget(string? target) => GoalOf(target) is not null;

    public static bool TargetBelongsTo(string? target, int goal) => GoalOf(target) == goal;

    public static int? GoalOf(string? target) =>
        target is not null && GoalByTarget.TryGetValue(target, out var goal) ? goal : null;

    private static SdgGoal Goal(int number, string name, int numberedTargets, string lettered) =>
        new(number, name, [.. Enumerable.Range(1, numberedTargets).Select(i => $"{number}.{i}"), .. lettered.Select(c => $"{number}.{c}")]);
}
