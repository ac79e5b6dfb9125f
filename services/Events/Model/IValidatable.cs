using CooperationPlatform.ServiceDefaults.Errors;

namespace CooperationPlatform.Events.Model;

/// <summary>A request body that checks its own fields, adding every problem to one <see cref="ValidationErrors"/>.</summary>
public interface IValidatable
{
    void Validate(ValidationErrors errors);
}

public static class Validation
{
    /// <summary>The body, once every field is valid; else a 400 naming each invalid field.</summary>
    public static T Validated<T>(this T? body, string field = "body") where T : class, IValidatable
    {
        if (body is null)
        {
            throw new RequestValidationException(field, $"{field} is required.");
        }
        var errors = new ValidationErrors();
        body.Validate(errors);
        errors.ThrowIfAny();
        return body;
    }
}
