using CooperationPlatform.Events.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Events.Infrastructure.EntityConfigurations;

public sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("participants");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasOne<Event>().WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(ParticipantEmail.MaxLength);
        builder.Property(p => p.EmailKey).HasMaxLength(ParticipantEmail.MaxLength);
        builder.Property(p => p.OrganizationName).HasMaxLength(300);
        builder.Property(p => p.City).HasMaxLength(200);
        builder.Property(p => p.Country).HasMaxLength(3);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        // One participant per email and event: registering again finds this row instead of adding one. Erased rows have no email.
        builder.HasIndex(p => new { p.EventId, p.EmailKey }).IsUnique().HasFilter("email_key IS NOT NULL");
    }
}
