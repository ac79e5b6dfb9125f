using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using CooperationPlatform.ServiceDefaults.Csv;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CooperationPlatform.Analytics.Apis;

/// <summary>
/// Any view as CSV, one row per figure: <c>path,value</c>, the path naming the figure as the JSON does
/// (<c>byStatus[0].projects</c>). One shape for every view, so no view needs an exporter of its own. JSON numbers are number cells;
/// strings (names, codes) are text cells, which the writer makes safe to open in a spreadsheet.
/// </summary>
public static class CsvExport
{
    public static FileContentHttpResult ToCsv<T>(T view, string name)
    {
        var csv = new CsvWriter().Text("path").Text("value").EndRow();
        Write(csv, "", JsonSerializer.SerializeToElement(view, ApiDefaults.JsonOptions));
        return TypedResults.File(csv.ToUtf8(), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static void Write(CsvWriter csv, string path, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Write(csv, path.Length == 0 ? property.Name : $"{path}.{property.Name}", property.Value);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Write(csv, $"{path}[{index++}]", item);
                }
                break;
            case JsonValueKind.Number:
                csv.Text(path).Number(element.GetRawText()).EndRow();
                break;
            case JsonValueKind.String:
                csv.Text(path).Text(element.GetString()).EndRow();
                break;
            default:
                // true, false and null: words no spreadsheet runs.
                csv.Text(path).Text(element.ValueKind == JsonValueKind.Null ? "" : element.GetRawText()).EndRow();
                break;
        }
    }
}
