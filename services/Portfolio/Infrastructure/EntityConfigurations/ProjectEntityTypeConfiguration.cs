using CooperationPlatform.Contracts.Messages.Portfolio;
using CooperationPlatform.Contracts.Model;
using CooperationPlatform.Portfolio.Model;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NpgsqlTypes;

namespace CooperationPlatform.Portfolio.Infrastructure.EntityConfigurations;

public sealed class ProjectEntityTypeConfiguration : IEntityTypeConfiguration<Project>
{
    /// <summary>
    /// Title weighs more than the other narratives. Both the 'english' (stems: "parks" finds "park") and the 'simple' configuration
    /// (any language, no stemming) are indexed; queries try both. Scripts without spaces (Chinese) fall back to trigram ILIKE.
    /// </summary>
    public const string SearchVectorSql =
        "setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, title), 'A') || " +
        "setweight(to_tsvector('english'::regconfig, search_text), 'B') || setweight(to_tsvector('simple'::regconfig, search_text), 'B')";

    private static readonly ValueConverter<PartialDate, string> PartialDateConverter = new(d => d.ToString(), s => PartialDate.Parse(s));

    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.ToTable("projects");
        project.HasKey(p => p.Id);
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.IatiIdentifier).HasMaxLength(ProjectRules.MaxIatiIdentifierLength);
        project.HasIndex(p => p.IatiIdentifier).IsUnique();
        project.Property(p => p.Version).IsConcurrencyToken();
        project.Property(p => p.OwnerClientId).HasMaxLength(200);
        project.HasIndex(p => p.UpdatedAt);

        project.Property(p => p.Language).HasMaxLength(20);
        project.Property(p => p.Title).HasMaxLength(ProjectRules.MaxTitleLength);
        project.Property(p => p.SearchText);
        project.Property<NpgsqlTsVector>("SearchVector").HasColumnName("search_vector")
            .HasComputedColumnSql(SearchVectorSql, stored: true);
        project.HasIndex("SearchVector").HasMethod("GIN");
        project.HasIndex(p => p.SearchText).HasMethod("GIN").HasOperators("gin_trgm_ops");
        project.HasIndex(p => p.Title).HasMethod("GIN").HasOperators("gin_trgm_ops").HasDatabaseName("ix_projects_title_trgm");

        project.Property(p => p.Status);
        project.Property(p => p.Modality);
        foreach (var date in new[] { nameof(Project.PlannedStart), nameof(Project.PlannedEnd), nameof(Project.ActualStart), nameof(Project.ActualEnd) })
        {
            project.Property<PartialDate?>(date).HasConversion(PartialDateConverter).HasMaxLength(10);
        }

        project.Property(p => p.StatusHistory).HasJsonConversion();
        project.Property(p => p.RoleAssignments).HasJsonConversion();
        project.Property(p => p.Translations).HasJsonConversion();
        project.Property(p => p.Scopes).HasJsonConversion();
        project.Property(p => p.Sdgs).HasJsonConversion();
        project.Property(p => p.Countries).HasJsonConversion();
        project.Property(p => p.Regions).HasJsonConversion();
        project.Property(p => p.CooperationModes).HasJsonConversion();
        project.Property(p => p.Sectors).HasJsonConversion();
        project.Property(p => p.Budget).HasJsonConversion();
        project.Property(p => p.Commitments).HasJsonConversion();
        project.Property(p => p.Results).HasJsonConversion();
        project.Ignore(p => p.Details);
        project.Ignore(p => p.CurrentPartners);
    }
}

public sealed class InstitutionEntityTypeConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> institution)
    {
        institution.ToTable("institutions");
        institution.HasKey(i => i.Id);
        institution.Property(i => i.Id).ValueGeneratedNever();
        institution.Property(i => i.Name).HasMaxLength(500);
        institution.Property(i => i.Country).HasMaxLength(3);
        institution.Property(i => i.Acronym).HasMaxLength(100);
        institution.Property(i => i.Type).HasConversion<string>().HasMaxLength(100);
    }
}
