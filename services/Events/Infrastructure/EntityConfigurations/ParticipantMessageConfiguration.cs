using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class ParticipantMessageConfiguration : IEntityTypeConfiguration<ParticipantMessage>
{
    public void Configure(EntityTypeBuilder<ParticipantMessage> builder)
    {
        builder.ToTable("participant_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Participant>().WithMany().HasForeignKey(m => m.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.To).HasMaxLength(ParticipantEmail.MaxLength);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Token).HasMaxLength(100);
        // What the sender has still to deliver, oldest first.
        builder.HasIndex(m => m.CreatedAt).HasFilter("sent_at IS NULL").HasDatabaseName("ix_participant_messages_unsent");
        builder.HasIndex(m => new { m.EventId, m.ParticipantId });
    }
}
