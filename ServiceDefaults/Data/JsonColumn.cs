using System.Text.Json;
using CooperationPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CooperationPlatform.ServiceDefaults.Data;

/// <summary>
/// Stores an immutable value (a record, or a read-only list of records) as one jsonb column, in the API's JSON style: an aggregate
/// read whole and written whole needs no tables for its value collections, and a bulk read takes one row per aggregate.
/// The value must be replaced to change, never changed in place: the change tracker's snapshot shares it.
/// </summary>
public static class JsonColumn
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        var converter = new ValueConverter<T, string>(
            value => JsonSerializer.Serialize(value, ApiDefaults.JsonOptions),
            json => JsonSerializer.Deserialize<T>(json, ApiDefaults.JsonOptions)!);
        var comparer = new ValueComparer<T>(
            // Change detection runs on every tracked entity at every save: an untouched value is the very same object, so that
            // check comes first and the serialising comparison runs only for values that were replaced.
            (a, b) => ReferenceEquals(a, b) || JsonSerializer.Serialize(a, ApiDefaults.JsonOptions) == JsonSerializer.Serialize(b, ApiDefaults.JsonOptions),
            value => JsonSerializer.Serialize(value, ApiDefaults.JsonOptions).GetHashCode(StringComparison.Ordinal),
            value => value);
        property.HasConversion(converter, comparer).HasColumnType("jsonb");
        return property;
    }
}
