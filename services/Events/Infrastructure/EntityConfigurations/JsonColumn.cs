using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public static class JsonColumn
{
    /// <summary>Stores a value object as jsonb, in the API's JSON style, compared by its serialized form.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, ApiDefaults.JsonOptions),
            json => JsonSerializer.Deserialize<T>(json, ApiDefaults.JsonOptions)!,
            new ValueComparer<T>(
                (left, right) => JsonSerializer.Serialize(left, ApiDefaults.JsonOptions) == JsonSerializer.Serialize(right, ApiDefaults.JsonOptions),
                value => JsonSerializer.Serialize(value, ApiDefaults.JsonOptions).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, ApiDefaults.JsonOptions), ApiDefaults.JsonOptions)!));
}
