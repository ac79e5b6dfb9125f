using System.Text;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CooperationPlatform.Analytics.Apis;

/// <summary>
/// Any view as CSV, one row per figure: <c>path,value</c>, the path naming the figure as the JSON does
/// (<c>byStatus[0].projects</c>). One shape for every view, so no view needs an exporter of its own.
/// </summary>
public static class CsvExport
{
    public static FileContentHttpResult ToCsv<T>(T view, string name)
    {
        var csv = new StringBuilder("path,value\n");
        Write(csv, "", JsonSerializer.SerializeToElement(view, ApiDefaults.JsonOptions));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static void Write(StringBuilder csv, string path, JsonElement element)
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
            default:
                csv.Append(Escape(path)).Append(',').Append(Escape(element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString()!,
                    JsonValueKind.Null => "",
                    _ => element.GetRawText(),
                })).Append('\n');
                break;
        }
    }

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
