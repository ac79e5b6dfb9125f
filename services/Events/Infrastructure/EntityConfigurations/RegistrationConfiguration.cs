using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("registrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ArrivalSequence).HasDefaultValueSql($"nextval('{EventsDbContext.ArrivalSequence}')").ValueGeneratedOnAdd();
        builder.Property(r => r.Version).IsConcurrencyToken();
        // At most one live registration per participant and target (the event itself has no activity id).
        builder.HasIndex(r => new { r.ParticipantId, r.ActivityId }).IsUnique().AreNullsDistinct(false)
            .HasFilter("status <> 'Cancelled'").HasDatabaseName("ix_registrations_one_live_per_target");
        // The waitlist of a target, in arrival order.
        builder.HasIndex(r => new { r.EventId, r.ActivityId, r.ArrivalSequence }).HasFilter("status = 'Waitlisted'")
            .HasDatabaseName("ix_registrations_waitlist");
        builder.HasIndex(r => new { r.EventId, r.ActivityId, r.Status });
    }
}
