using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class ExhibitorConfiguration : IEntityTypeConfiguration<Exhibitor>
{
    public const string OneExhibitorPerBooth = "ix_exhibitors_one_per_booth";

    public void Configure(EntityTypeBuilder<Exhibitor> builder)
    {
        builder.ToTable("exhibitors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(e => e.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Name).HasMaxLength(EventDetails.MaxNameLength);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.City).HasMaxLength(200);
        builder.Property(e => e.Country).HasMaxLength(3);
        builder.Property(e => e.Booth).HasMaxLength(50);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.EventId, e.Booth }).IsUnique().HasFilter("booth IS NOT NULL").HasDatabaseName(OneExhibitorPerBooth);
    }
}
