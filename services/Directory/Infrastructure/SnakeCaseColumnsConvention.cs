using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace CooperationPlatform.Directory.Infrastructure;

/// <summary>
/// Columns in snake_case (<c>name_key</c>), as the messaging tables have them, so that hand-written SQL needs no quotes.
/// Names configured explicitly win; properties inside JSON columns keep their names.
/// </summary>
internal sealed class SnakeCaseColumnsConvention : IModelFinalizingConvention
{
    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
    {
        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().Where(e => !e.IsMappedToJson()))
        {
            foreach (var property in entityType.GetDeclaredProperties())
            {
                property.Builder.HasColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
