using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Directory.Infrastructure.EntityConfigurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> listing)
    {
        listing.ToTable("listings");
        listing.HasKey(l => l.Id);
        listing.Property(l => l.Id).ValueGeneratedNever();
        listing.Property(l => l.Kind).HasConversion<string>().HasMaxLength(10);
        listing.Property(l => l.Title).HasMaxLength(InstitutionLimits.Name);
        listing.Property(l => l.Description).HasMaxLength(InstitutionLimits.Description);
        listing.Property(l => l.Status).HasConversion<string>().HasMaxLength(10);
        listing.Property(l => l.Version).IsConcurrencyToken();
        listing.Property(l => l.OwnerClientId).HasMaxLength(200);
        listing.Ignore(l => l.IsArchived);
        listing.Ignore(l => l.IsOpenOffer);
        listing.HasOne<Institution>().WithMany().HasForeignKey(l => l.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        listing.HasIndex(l => new { l.Kind, l.InstitutionId });
        listing.HasIndex(l => l.Sectors).HasMethod("gin");
        listing.HasIndex(l => l.Sdgs).HasMethod("gin");
        listing.HasIndex(l => l.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_listings_search_text_trgm");
    }
}
