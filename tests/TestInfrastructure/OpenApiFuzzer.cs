using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CooperationPlatform.Testing;

/// <summary>One request the fuzzer sent that a service answered badly: the operation, the input it changed, and what came back.</summary>
public sealed record FuzzFinding(string Operation, string Input, string Outcome);

public sealed record FuzzReport(int Operations, int Requests, TimeSpan Elapsed, IReadOnlyList<FuzzFinding> Findings)
{
    public string Describe() => Findings.Count == 0
        ? $"{Operations} operations, {Requests} requests, {Elapsed.TotalSeconds:0.0} s: no finding."
        : $"{Findings.Count} of {Requests} requests to {Operations} operations were answered badly:\n"
          + string.Join('\n', Findings.OrderBy(f => f.Operation, StringComparer.Ordinal).ThenBy(f => f.Input, StringComparer.Ordinal)
              .Select(f => $"  {f.Operation}  [{f.Input}]  -> {f.Outcome}"));
}

/// <summary>
/// Reads a service's OpenAPI document and sends every operation hostile input, one change at a time from a request that is
/// otherwise plausible (the documented example body, benign path values): control characters and overlong text in every
/// string parameter and body property, huge, negative and unparseable numbers in every numeric one, values of the wrong type,
/// and malformed bodies. A finding is a 5xx, no answer within the timeout, or a 4xx whose body names a .NET type. Deterministic:
/// the inputs are enumerated in document order and the ids come from a fixed seed.
/// </summary>
public static class OpenApiFuzzer
{
    private const int Seed = 20261207;
    private const int Parallelism = 4;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Hostile values for a string, as (label, value).</summary>
    private static readonly (string Label, string Value)[] HostileStrings =
    [
        ("NUL", "a\0b"),
        ("U+0001", "\u0001"),
        ("U+001F and DEL", "x\u001f\u007fy"),
        ("lone surrogate", "\uD800x"),
        ("overlong", new string('x', 20_000)),
    ];

    /// <summary>Hostile numbers, written into JSON as they are (some are no valid .NET number at all).</summary>
    private static readonly string[] HostileNumbers =
    [
        "79228162514264337593543950335", "-79228162514264337593543950335", "1e400", "-1", "2147483648", "-2147483649", "0.5", "1e-400",
    ];

    /// <summary>Hostile numbers in a query string or path, where anything goes.</summary>
    private static readonly string[] HostileNumberTexts =
    [
        "-1", "0", "999999999", "-2147483649", "2147483648", "99999999999999999999999999999", "79228162514264337593543950335", "NaN",
        "Infinity", "1e309", "1.5", "abc", "a\0b",
    ];

    private static readonly string[] MalformedBodies =
    [
        "", "{", "[]", "null", "\"a\\u0000b\"", "{\"a\":1e999}", "{\"\\u0000\":1}", "{\"a\":\"\\ud800\"}", new string('[', 5000) + new string(']', 5000),
        "{\"id\":}", "{'single':'quotes'}",
    ];

    /// <param name="rawBodies">Files for the operations whose body is not JSON (CSV, XML imports), sent as they are.</param>
    /// <param name="skip">Operations ("POST /path") the test host cannot serve at all, such as one that calls services it does not run.</param>
    public static async Task<FuzzReport> RunAsync(HttpClient client, string documentPath = "/openapi/v1.json",
        IReadOnlyList<string>? rawBodies = null, IReadOnlySet<string>? skip = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var document = JsonNode.Parse(await client.GetStringAsync(documentPath, cancellationToken))!;
        var random = new Random(Seed);
        var requests = new List<FuzzRequest>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operationNode is not JsonObject operation)
                {
                    continue;
                }
                if (skip?.Contains($"{method.ToUpperInvariant()} {path}") == true)
                {
                    continue;
                }
                operations++;
                requests.AddRange(RequestsFor(document, method.ToUpperInvariant(), path, operation, random, rawBodies ?? []));
            }
        }

        var findings = new ConcurrentBag<FuzzFinding>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (request, ct) =>
            {
                if (await SendAsync(client, request, ct) is { } outcome)
                {
                    findings.Add(new FuzzFinding(request.Operation, request.Input, outcome));
                }
            });
        return new FuzzReport(operations, requests.Count, stopwatch.Elapsed, [.. findings]);
    }

    private sealed record FuzzRequest(string Operation, string Input, HttpMethod Method, string Url, string? Body, string? ContentType);

    private static async Task<string?> SendAsync(HttpClient client, FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json");
        }
        message.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await client.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                return $"{(int)response.StatusCode} {Shorten(body)}";
            }
            if ((int)response.StatusCode >= 400 && LeaksTypeName(body))
            {
                return $"{(int)response.StatusCode} names a .NET type: {Shorten(body)}";
            }
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {RequestTimeout.TotalSeconds} s";
        }
        catch (HttpRequestException e)
        {
            return $"connection failed: {e.Message}";
        }
    }

    /// <summary>A JSON string literal with every character outside printable ASCII escaped, lone surrogates included.</summary>
    private static string JsonText(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
        }
        return text.Append('"').ToString();
    }

    /// <summary>Percent-encodes the UTF-8 of a value (a lone surrogate becomes U+FFFD, as any client would send it).</summary>
    private static string Escape(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
            ? ((char)b).ToString() : $"%{b:X2}"));

    private static bool LeaksTypeName(string body) =>
        body.Contains("System.", StringComparison.Ordinal) || body.Contains("CooperationPlatform.", StringComparison.Ordinal)
        || body.Contains("`1", StringComparison.Ordinal) || body.Contains("Nullable<", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static IEnumerable<FuzzRequest> RequestsFor(JsonNode document, string method, string path, JsonObject operation, Random random,
        IReadOnlyList<string> rawBodies)
    {
        var name = $"{method} {path}";
        var httpMethod = new HttpMethod(method);
        var parameters = (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(p => (Name: p["name"]!.GetValue<string>(), In: p["in"]!.GetValue<string>(), Schema: Resolve(document, p["schema"])))
            .ToList();
        var pathValues = parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => Benign(p.Schema, random));

        var content = operation["requestBody"]?["content"]?.AsObject();
        var jsonType = content?.Select(c => c.Key).FirstOrDefault(k => k.Contains("json", StringComparison.Ordinal));
        var rawType = content?.Select(c => c.Key).FirstOrDefault(k => !k.Contains("json", StringComparison.Ordinal));
        var example = jsonType is not null && content![jsonType] is { } jsonContent
            ? (jsonContent["example"]?.DeepClone() ?? Example(document, jsonContent["schema"], 0))
            : null;
        var baseBody = example?.ToJsonString();
        var contentType = jsonType ?? rawType;

        string Url(IReadOnlyDictionary<string, string> pathOverrides, (string Name, string Value)? query)
        {
            var url = path;
            foreach (var (parameter, value) in pathValues)
            {
                url = url.Replace("{" + parameter + "}", Escape(pathOverrides.GetValueOrDefault(parameter, value)), StringComparison.Ordinal);
            }
            return query is { } q ? $"{url}?{Escape(q.Name)}={Escape(q.Value)}" : url;
        }

        var noOverride = new Dictionary<string, string>();
        var defaultBody = baseBody ?? (rawType is not null ? rawBodies.FirstOrDefault() ?? "" : null);
        FuzzRequest Request(string input, string url, string? body = null, string? type = null) =>
            new(name, input, httpMethod, url, body ?? defaultBody, type ?? contentType);

        yield return Request("as documented", Url(noOverride, null));

        foreach (var (parameter, where, schema) in parameters)
        {
            foreach (var (label, value) in HostileTexts(schema))
            {
                if (where == "query")
                {
                    yield return Request($"query {parameter}={label}", Url(noOverride, (parameter, value)));
                }
                else if (where == "path")
                {
                    yield return Request($"path {parameter}={label}", Url(new Dictionary<string, string> { [parameter] = value }, null));
                }
            }
        }

        if (example is not null)
        {
            foreach (var (label, body) in Mutations(example, "$"))
            {
                yield return Request($"body {label}", Url(noOverride, null), body, contentType);
            }
            foreach (var (i, body) in MalformedBodies.Index())
            {
                yield return Request($"malformed body #{i}", Url(noOverride, null), body, contentType);
            }
            yield return Request("body as text/plain", Url(noOverride, null), baseBody, "text/plain");
        }
        else if (rawType is not null)
        {
            // An import's mode decides whether rows reach the database, so each file goes in both modes.
            (string Name, string Value)?[] modes = parameters.Any(p => p.Name == "mode" && p.In == "query") ? [null, ("mode", "commit")] : [null];
            foreach (var mode in modes)
            {
                var suffix = mode is null ? "" : " mode=commit";
                foreach (var (i, body) in rawBodies.Index())
                {
                    yield return Request($"raw body #{i}{suffix}", Url(noOverride, mode), body, contentType);
                }
                foreach (var (label, value) in HostileStrings)
                {
                    yield return Request($"raw body {label}{suffix}", Url(noOverride, mode), value, contentType);
                }
            }
        }
    }

    /// <summary>Every body with one node replaced by a hostile value, as (label, JSON text).</summary>
    private static IEnumerable<(string Label, string Body)> Mutations(JsonNode root, string rootPath)
    {
        var targets = new List<(string Path, JsonNode? Node)>();
        void Walk(JsonNode? node, string path, int depth)
        {
            targets.Add((path, node));
            if (depth > 8)
            {
                return;
            }
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        Walk(child, $"{path}.{key}", depth + 1);
                    }
                    break;
                case JsonArray a when a.Count > 0:
                    Walk(a[0], $"{path}[0]", depth + 1);
                    break;
            }
        }
        Walk(root, rootPath, 0);

        foreach (var (path, node) in targets.Skip(1))
        {
            foreach (var (label, replacement) in HostileJson(node))
            {
                var copy = root.DeepClone();
                const string marker = "\"__fuzz_marker__\"";
                Replace(copy, path[(rootPath.Length)..], JsonValue.Create("__fuzz_marker__"));
                yield return ($"{path}={label}", copy.ToJsonString().Replace(marker, replacement, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Hostile JSON texts for a node, by what the node holds.</summary>
    private static IEnumerable<(string Label, string Json)> HostileJson(JsonNode? node)
    {
        var kind = node?.GetValueKind();
        if (kind is null or JsonValueKind.String or JsonValueKind.Null)
        {
            foreach (var (label, value) in HostileStrings)
            {
                yield return (label, JsonText(value));
            }
        }
        if (kind is null or JsonValueKind.Number or JsonValueKind.Null)
        {
            foreach (var number in HostileNumbers)
            {
                yield return (number, number);
            }
        }
        yield return kind switch
        {
            JsonValueKind.String => ("a number", "12345"),
            JsonValueKind.Number => ("a string", "\"12\\u0000\""),
            JsonValueKind.True or JsonValueKind.False => ("a string", "\"maybe\""),
            JsonValueKind.Array => ("an object", "{}"),
            JsonValueKind.Object => ("an array", "[1]"),
            _ => ("an object", "{\"a\":[]}"),
        };
        if (kind is JsonValueKind.Array)
        {
            yield return ("1000 nulls", "[" + string.Join(',', Enumerable.Repeat("null", 1000)) + "]");
        }
    }

    private static void Replace(JsonNode root, string relativePath, JsonNode replacement)
    {
        // relativePath is ".a.b[0].c": walk to the parent, then replace the last step.
        var steps = new List<object>();
        var i = 0;
        while (i < relativePath.Length)
        {
            if (relativePath[i] == '.')
            {
                var end = relativePath.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? relativePath.Length : end;
                steps.Add(relativePath[(i + 1)..end]);
                i = end;
            }
            else
            {
                var end = relativePath.IndexOf(']', i);
                steps.Add(int.Parse(relativePath[(i + 1)..end], System.Globalization.CultureInfo.InvariantCulture));
                i = end + 1;
            }
        }
        var parent = root;
        foreach (var step in steps.SkipLast(1))
        {
            parent = step is string key ? parent[key]! : parent[(int)step]!;
        }
        if (steps[^1] is string last)
        {
            parent[last] = replacement;
        }
        else
        {
            parent[(int)steps[^1]] = replacement;
        }
    }

    /// <summary>Hostile values for a query or path parameter of the schema, as (label, text).</summary>
    private static IEnumerable<(string Label, string Value)> HostileTexts(JsonNode? schema)
    {
        var types = Types(schema);
        if (types.Contains("array"))
        {
            foreach (var value in HostileTexts(schema?["items"]))
            {
                yield return value;
            }
            yield break;
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            foreach (var number in HostileNumberTexts)
            {
                yield return (number.Replace("\0", "NUL", StringComparison.Ordinal), number);
            }
            yield break;
        }
        foreach (var value in HostileStrings)
        {
            yield return value;
        }
        yield return ("empty", "");
        yield return ("wrong type", "12345");
        if (types.Contains("boolean") || schema?["format"] is not null)
        {
            yield return ("malformed", "not-a-valid-value");
        }
    }

    private static HashSet<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray array => [.. array.Select(t => t!.GetValue<string>())],
        JsonValue value => [value.GetValue<string>()],
        _ => (schema?["oneOf"] ?? schema?["anyOf"])?.AsArray().SelectMany(s => Types(s)).ToHashSet() ?? [],
    };

    private static string Benign(JsonNode? schema, Random random) => schema?["format"]?.GetValue<string>() switch
    {
        "uuid" => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString(),
        _ when Types(schema).Contains("integer") || Types(schema).Contains("number") => "1",
        _ when schema?["enum"] is JsonArray values && values.Count > 0 => values[0]!.ToString(),
        _ => "x",
    };

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var depth = 0; depth < 10 && schema?["$ref"]?.GetValue<string>() is { } reference; depth++)
        {
            var node = document;
            foreach (var step in reference.TrimStart('#', '/').Split('/'))
            {
                node = node[step]!;
            }
            schema = node;
        }
        return schema;
    }

    /// <summary>A body for an operation whose document has no example: the schema's shape with plain values.</summary>
    private static JsonNode? Example(JsonNode document, JsonNode? schema, int depth)
    {
        schema = Resolve(document, schema);
        if (schema is null || depth > 6)
        {
            return null;
        }
        var types = Types(schema);
        if (types.Contains("object") || schema["properties"] is not null)
        {
            var result = new JsonObject();
            foreach (var (key, property) in schema["properties"]?.AsObject() ?? [])
            {
                result[key] = Example(document, property, depth + 1);
            }
            return result;
        }
        if (types.Contains("array"))
        {
            return new JsonArray(Example(document, schema["items"], depth + 1));
        }
        return types.Contains("integer") || types.Contains("number") ? JsonValue.Create(1)
            : types.Contains("boolean") ? JsonValue.Create(true)
            : JsonValue.Create("x");
    }
}
