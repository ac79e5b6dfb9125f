using System.Text;
using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace CooperationPlatform.ServiceDefaults.Api;

/// <summary>
/// The one check of control characters in the input of every endpoint of every service (<see cref="TextValidation"/>): no query
/// parameter name or value and no path may hold one, not even tab or a line break, and no string (nor property name) of a JSON
/// body may hold one other than tab and line breaks; whether a field takes those is its own rule (<see cref="TextValidation.Text"/>).
/// A NUL would otherwise reach PostgreSQL, which refuses it with an error, and XML 1.0 (the IATI export) has no way to write the
/// others. A 400 names the parameter or the body field ("partners[0].name"). The CSV imports check their cells in their row readers,
/// naming row and column. Bodies are checked here, before binding, rather than by a JSON converter for strings, which would make
/// every string of the OpenAPI document untyped; only endpoints that declare a JSON body are read twice (the gateway's proxied
/// routes declare none, so they still stream).
/// </summary>
public static class RequestTextGuard
{
    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        CheckQuery(context.Request);
        if (DeclaresJsonBody(context) && context.Request.ContentLength != 0)
        {
            await CheckJsonBodyAsync(context.Request, context.RequestAborted);
        }
        await next(context);
    });

    public static void CheckQuery(HttpRequest request)
    {
        var errors = new ValidationErrors();
        errors.PlainText("path", request.Path.Value);
        foreach (var (name, values) in request.Query)
        {
            errors.PlainText("query parameter names", name);
            foreach (var value in values)
            {
                errors.PlainText(name, value);
            }
        }
        errors.ThrowIfAny();
    }

    private static bool DeclaresJsonBody(HttpContext context) =>
        context.Request.HasJsonContentType()
        && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
        && accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));

    private static async Task CheckJsonBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        request.Body.Position = 0;
        if (FirstBadString(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } bad)
        {
            throw new RequestValidationException(bad.Field, bad.Message);
        }
    }

    /// <summary>The first string of the JSON that breaks the rule, or null; malformed JSON is left to the binder to report.</summary>
    private static (string Field, string Message)? FirstBadString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        var path = new List<(string? Property, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add((null, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader);
                        path[^1] = (name ?? "", -1);
                        if (name is null || TextValidation.ForbiddenCharacter(name, multiline: false) is not null)
                        {
                            return (Field(path), "A property name holds a control character.");
                        }
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        var value = Text(ref reader);
                        if (value is null)
                        {
                            return (Field(path), $"{Field(path)} holds an unpaired surrogate, which is not text.");
                        }
                        if (TextValidation.ForbiddenCharacter(value, multiline: true) is { } bad)
                        {
                            return (Field(path), TextValidation.Describe(Field(path), bad));
                        }
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>The string of the token, or null when it cannot be text (an escaped unpaired surrogate).</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A value inside an array moves the array's index on; inside an object the property name already says where it is.</summary>
    private static void Advance(List<(string? Property, int Index)> path)
    {
        if (path.Count > 0 && path[^1].Property is null)
        {
            path[^1] = (null, path[^1].Index + 1);
        }
    }

    /// <summary>"contactPoints[0].name", as the binder's own errors name a field; "body" for the body itself.</summary>
    private static string Field(List<(string? Property, int Index)> path)
    {
        var field = new StringBuilder();
        foreach (var (property, index) in path)
        {
            if (property is not null)
            {
                field.Append(field.Length == 0 ? "" : ".").Append(property);
            }
            else if (index >= 0)
            {
                field.Append('[').Append(index).Append(']');
            }
        }
        return field.Length == 0 ? "body" : field.ToString();
    }
}
