using CooperationPlatform.Analytics.Tests.Support;
using static CooperationPlatform.Analytics.Tests.Support.Sample;

namespace CooperationPlatform.Analytics.Tests;

/// <summary>Names come from partners; a CSV export must not hand them to a spreadsheet as formulas.</summary>
public sealed class CsvInjectionTests(AnalyticsFactory analytics) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task Names_that_a_spreadsheet_would_run_as_formulas_reach_the_csv_as_quoted_text_while_counts_stay_numbers()
    {
        var eventId = Guid.NewGuid();
        await analytics.PublishAsync(Event(eventId, UniqueYear(), "@SUM(1+1)*cmd|' /C calc'!A0", "AUT") with
        {
            Name = "=HYPERLINK(\"http://attacker.example\",\"Open\")",
        });
        using var client = analytics.Client();

        var csv = await client.GetStringAsync($"{AnalyticsFactory.Root}/events/{eventId}?format=csv", TestContext.Current.CancellationToken);

        Assert.Contains("\nname,\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"Open\"\")\"\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nvenueCity,\"'@SUM(1+1)*cmd|' /C calc'!A0\"\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nvenueCountry,AUT\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nparticipants,0\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }
}
