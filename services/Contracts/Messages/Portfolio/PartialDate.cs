using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CooperationPlatform.Contracts.Messages.Portfolio;

/// <summary>
/// A date known to the year ("2020"), the month ("1995-09") or the day ("2016-10-17"), written in ISO 8601 reduced precision.
/// Sources often give only a year or a month; storing the first of the month instead would invent a fact.
/// </summary>
[JsonConverter(typeof(PartialDateJsonConverter))]
public readonly record struct PartialDate
{
    private PartialDate(int year, int? month, int? day)
    {
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    /// <summary>The earliest day the date can stand for: 1995-09 → 1995-09-01.</summary>
    public DateOnly FirstDay => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The latest day the date can stand for: 2020 → 2020-12-31.</summary>
    public DateOnly LastDay => Day is not null ? FirstDay
        : Month is { } month ? new DateOnly(Year, month, DateTime.DaysInMonth(Year, month))
        : new DateOnly(Year, 12, 31);

    public static PartialDate OfYear(int year) => Parse(year.ToString("D4", CultureInfo.InvariantCulture));

    public static PartialDate OfMonth(int year, int month) => Parse($"{year:D4}-{month:D2}");

    public static PartialDate OfDay(DateOnly date) => new(date.Year, date.Month, date.Day);

    public static PartialDate Parse(string value) =>
        TryParse(value, out var date) ? date : throw new FormatException($"'{value}' is not a date such as 2020, 1995-09 or 2016-10-17.");

    public static bool TryParse(string? value, out PartialDate date)
    {
        date = default;
        if (value is null)
        {
            return false;
        }
        var parts = value.Split('-');
        if (parts.Length is < 1 or > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2)
            || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }
        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        if (year < 1 || month is < 1 or > 12 || (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value))))
        {
            return false;
        }
        date = new PartialDate(year, month, day);
        return true;
    }

    public override string ToString() =>
        Day is not null ? $"{Year:D4}-{Month:D2}-{Day:D2}" : Month is not null ? $"{Year:D4}-{Month:D2}" : $"{Year:D4}";
}

public sealed class PartialDateJsonConverter : JsonConverter<PartialDate>
{
    public override PartialDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && PartialDate.TryParse(reader.GetString(), out var date)
            ? date
            : throw new JsonException("Expected a date such as \"2020\", \"1995-09\" or \"2016-10-17\".");

    public override void Write(Utf8JsonWriter writer, PartialDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
