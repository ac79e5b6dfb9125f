using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>, IEntityTypeConfiguration<MeetingBooking>
{
    public const string OneMeetingPerTableAndSlot = "ix_meetings_one_per_table_and_slot";
    public const string OneMeetingPerParticipantAndSlot = "ix_meeting_bookings_one_per_participant_and_slot";

    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        builder.ToTable("meetings");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(m => m.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(m => m.InviteeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activity>().WithMany().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Outcome).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => new { m.SessionId, m.Table, m.StartsAt }).IsUnique()
            .HasFilter("status IN ('Scheduled', 'Held')").HasDatabaseName(OneMeetingPerTableAndSlot);
        builder.HasIndex(m => new { m.EventId, m.RequesterId });
        builder.HasIndex(m => new { m.EventId, m.InviteeId });
    }

    public void Configure(EntityTypeBuilder<MeetingBooking> builder)
    {
        builder.ToTable("meeting_bookings");
        builder.HasKey(b => new { b.MeetingId, b.ParticipantId });
        builder.HasOne<Meeting>().WithMany().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Participant>().WithMany().HasForeignKey(b => b.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.ParticipantId, b.StartsAt }).IsUnique().HasDatabaseName(OneMeetingPerParticipantAndSlot);
    }
}
