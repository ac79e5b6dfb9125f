using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Title).HasMaxLength(EventDetails.MaxNameLength);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Place).HasMaxLength(300);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.ComplexProperty(a => a.Seats);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.EventId, a.StartsAt });
    }
}
