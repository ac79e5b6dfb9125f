using CooperationPlatform.Contracts.Reference;

namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>Checks of input against the shared reference data, each naming the field it found wrong.</summary>
public static class ReferenceValidation
{
    public static ValidationErrors Country(this ValidationErrors errors, string field, string? alpha3) =>
        errors.Require(Countries.IsKnown(alpha3), field, $"'{alpha3}' is not an ISO 3166-1 alpha-3 country code.");

    public static ValidationErrors Region(this ValidationErrors errors, string field, string? m49) =>
        errors.Require(Regions.IsKnown(m49), field, $"'{m49}' is not a UN M49 region code.");

    public static ValidationErrors Sdg(this ValidationErrors errors, string field, int goal) =>
        errors.Require(Sdgs.IsGoal(goal), field, $"{goal} is not a Sustainable Development Goal (1 to 17).");

    public static ValidationErrors SdgTarget(this ValidationErrors errors, string field, string? target, int? goal = null) =>
        !Sdgs.IsTarget(target) ? errors.Add(field, $"'{target}' is not an SDG target.")
        : goal is { } g && !Sdgs.TargetBelongsTo(target, g) ? errors.Add(field, $"Target {target} does not belong to SDG {g}.")
        : errors;

    public static ValidationErrors Sector(this ValidationErrors errors, string field, string? code) =>
        errors.Require(Vocabularies.Sectors.IsKnown(code), field, $"'{code}' is not a sector of the vocabulary.");

    public static ValidationErrors CooperationMode(this ValidationErrors errors, string field, string? code) =>
        errors.Require(Vocabularies.CooperationModes.IsKnown(code), field, $"'{code}' is not a cooperation mode of the vocabulary.");

    public static ValidationErrors Currency(this ValidationErrors errors, string field, string? code) =>
        errors.Require(Currencies.IsKnown(code), field, $"'{code}' is not an ISO 4217 currency code.");

    public static ValidationErrors Each<T>(this ValidationErrors errors, string field, IEnumerable<T>? values,
        Func<ValidationErrors, string, T, ValidationErrors> check)
    {
        var index = 0;
        foreach (var value in values ?? [])
        {
            var item = $"{field}[{index++}]";
            // A JSON list may hold null where the type says it cannot: refused here, so no check has to expect it.
            if (value is null)
            {
                errors.Add(item, $"{item} is null; leave it out of the list instead.");
                continue;
            }
            check(errors, item, value);
        }
        return errors;
    }
}
