using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Directory.Infrastructure.EntityConfigurations;

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("memberships");
        membership.HasKey(m => m.Id);
        membership.Property(m => m.Id).ValueGeneratedNever();
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        membership.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        membership.Property(m => m.Note).HasMaxLength(InstitutionLimits.Description);
        membership.Property(m => m.Version).IsConcurrencyToken();
        membership.Property(m => m.OwnerClientId).HasMaxLength(200);
        membership.Ignore(m => m.IsArchived);
        membership.Ignore(m => m.IsCurrent);
        membership.HasOne<Institution>().WithMany().HasForeignKey(m => m.NetworkId).OnDelete(DeleteBehavior.Restrict);
        membership.HasOne<Institution>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Restrict);
        membership.HasIndex(m => new { m.NetworkId, m.MemberId });
        membership.HasIndex(m => m.MemberId);
    }
}
