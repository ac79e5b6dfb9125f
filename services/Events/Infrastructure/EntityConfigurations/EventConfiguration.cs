using CooperationPlatform.Events.Model;
using CooperationPlatform.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Name).HasMaxLength(EventDetails.MaxNameLength);
        builder.Property(e => e.Series).HasMaxLength(EventDetails.MaxNameLength);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.VenueName).HasMaxLength(EventDetails.MaxNameLength);
        builder.Property(e => e.VenueCity).HasMaxLength(200);
        builder.Property(e => e.VenueCountry).HasMaxLength(3);
        builder.Property(e => e.Organizers).HasJsonConversion();
        builder.Property(e => e.Reported).HasJsonConversion();
        builder.ComplexProperty(e => e.Seats);
        builder.Property(e => e.OwnerClientId).HasMaxLength(200);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => e.StartDate);
        builder.HasIndex(e => e.Series);
    }
}
