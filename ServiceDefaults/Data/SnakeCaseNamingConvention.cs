using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace CooperationPlatform.ServiceDefaults.Data;

/// <summary>
/// Tables and columns in snake_case (<c>name_key</c>), as the messaging tables have them, so that hand-written SQL needs no quotes.
/// A complex property's columns take its name as a prefix (<c>seats_capacity</c>). Keys, foreign keys and indexes keep EF Core's
/// default names, which are then built from these column names. Names configured explicitly win; properties inside JSON columns keep
/// their names.
/// </summary>
public sealed class SnakeCaseNamingConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().Where(e => !e.IsMappedToJson()))
        {
            if (entityType.GetTableName() is { } table && entityType.BaseType is null)
            {
                entityType.Builder.ToTable(SnakeCase(table), entityType.GetSchema());
            }
            foreach (var property in entityType.GetDeclaredProperties())
            {
                property.Builder.HasColumnName(SnakeCase(property.Name));
            }
            foreach (var complexProperty in entityType.GetDeclaredComplexProperties())
            {
                NameComplexColumns(complexProperty, SnakeCase(complexProperty.Name));
            }
        }
    }

    private static void NameComplexColumns(IConventionComplexProperty complexProperty, string prefix)
    {
        foreach (var property in complexProperty.ComplexType.GetDeclaredProperties())
        {
            property.Builder.HasColumnName($"{prefix}_{SnakeCase(property.Name)}");
        }
        foreach (var nested in complexProperty.ComplexType.GetDeclaredComplexProperties())
        {
            NameComplexColumns(nested, $"{prefix}_{SnakeCase(nested.Name)}");
        }
    }

    private static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

public static class SnakeCaseNaming
{
    /// <summary>Names the context's tables and columns in snake_case: call from <c>ConfigureConventions</c>.</summary>
    public static ModelConfigurationBuilder UseSnakeCaseNames(this ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseNamingConvention());
        return configurationBuilder;
    }
}
