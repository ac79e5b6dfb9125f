using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Directory.Infrastructure.EntityConfigurations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> institution)
    {
        institution.ToTable("institutions");
        institution.HasKey(i => i.Id);
        institution.Property(i => i.Id).ValueGeneratedNever();
        institution.Property(i => i.Name).HasMaxLength(InstitutionLimits.Name);
        institution.Property(i => i.NameKey).HasMaxLength(InstitutionLimits.Name);
        institution.Property(i => i.Acronym).HasMaxLength(InstitutionLimits.Acronym);
        institution.Property(i => i.Description).HasMaxLength(InstitutionLimits.Description);
        institution.Property(i => i.Type).HasConversion<string>().HasMaxLength(40);
        institution.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        institution.Property(i => i.Country).HasMaxLength(3);
        institution.Property(i => i.City).HasMaxLength(InstitutionLimits.City);
        institution.Property(i => i.Website).HasMaxLength(InstitutionLimits.Website);
        institution.Property(i => i.HistoryNote).HasMaxLength(InstitutionLimits.Description);
        institution.Property(i => i.Version).IsConcurrencyToken();
        institution.Property(i => i.OwnerClientId).HasMaxLength(200);
        institution.Ignore(i => i.IsArchived);
        institution.OwnsMany(i => i.ContactPoints, contact => contact.ToJson("contact_points"));
        institution.OwnsMany(i => i.Relations, relation =>
        {
            relation.ToJson("relations");
            relation.Property(r => r.Kind).HasConversion<string>();
        });
        institution.ComplexProperty(i => i.Offers, offers =>
        {
            offers.Property(o => o.OpenOffers).HasColumnName("open_offers");
            offers.Property(o => o.Sectors).HasColumnName("offer_sectors");
            offers.Property(o => o.Sdgs).HasColumnName("offer_sdgs");
            offers.Property(o => o.Modes).HasColumnName("offer_modes");
            offers.Property(o => o.Countries).HasColumnName("offer_countries");
            offers.Property(o => o.Regions).HasColumnName("offer_regions");
        });

        // The natural key: one record per folded name and country, archived ones included (archiving is not deleting).
        institution.HasIndex(i => new { i.NameKey, i.Country }).IsUnique().AreNullsDistinct(false);
        institution.HasIndex(i => i.Country);
        institution.HasIndex(i => i.Sectors).HasMethod("gin");
        institution.HasIndex(i => i.Sdgs).HasMethod("gin");
        institution.HasIndex(i => i.Roles).HasMethod("gin");
        institution.HasIndex(i => i.NetworkIds).HasMethod("gin");
        institution.HasGeneratedTsVectorColumn(i => i.SearchVector, "simple", i => new { i.SearchText })
            .HasIndex(i => i.SearchVector).HasMethod("gin");
        // Substrings, and scripts the full-text parser does not split into words (Chinese), through trigrams.
        institution.HasIndex(i => i.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_institutions_search_text_trgm");
    }
}

public static class InstitutionLimits
{
    public const int Name = 300;
    public const int Acronym = 50;
    public const int Description = 10_000;
    public const int City = 200;
    public const int Website = 500;
}
