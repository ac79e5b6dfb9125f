namespace CooperationPlatform.ServiceDefaults.Errors;

/// <summary>Collects every invalid field of a request, so that one 400 names them all.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(error);
        return this;
    }

    public ValidationErrors Require(bool condition, string field, string error) => condition ? this : Add(field, error);

    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new RequestValidationException(ToDictionary());
        }
    }

    /// <summary>For rules about references to other records (an unknown institution): 422 rather than 400.</summary>
    public void ThrowUnprocessableIfAny()
    {
        if (!IsEmpty)
        {
            throw new UnprocessableException(ToDictionary());
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
