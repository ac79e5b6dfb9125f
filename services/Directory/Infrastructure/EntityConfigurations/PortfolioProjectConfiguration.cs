using CooperationPlatform.Directory.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Directory.Infrastructure.EntityConfigurations;

internal sealed class PortfolioProjectConfiguration : IEntityTypeConfiguration<PortfolioProject>
{
    public void Configure(EntityTypeBuilder<PortfolioProject> project)
    {
        project.ToTable("portfolio_projects");
        project.HasKey(p => p.Id);
        project.Property(p => p.Id).ValueGeneratedNever();
        // Two instances applying messages of one project at once: the second to commit fails and retries from the first's state,
        // so a message is applied to the state it was checked against and counted once.
        project.Property(p => p.Version).IsConcurrencyToken();
        project.Property(p => p.Title).HasMaxLength(1000);
        project.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        project.Property(p => p.Modality).HasConversion<string>().HasMaxLength(60);
        project.HasMany(p => p.Partners).WithOne().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectPartnerConfiguration : IEntityTypeConfiguration<ProjectPartner>
{
    public void Configure(EntityTypeBuilder<ProjectPartner> partner)
    {
        partner.ToTable("project_partners");
        partner.HasKey(p => new { p.ProjectId, p.InstitutionId });
        // Track records and matching look projects up by partner.
        partner.HasIndex(p => p.InstitutionId);
    }
}

internal sealed class InstitutionTrackCountConfiguration : IEntityTypeConfiguration<InstitutionTrackCount>
{
    public void Configure(EntityTypeBuilder<InstitutionTrackCount> count)
    {
        count.ToTable("institution_track_counts");
        count.HasKey(c => c.InstitutionId);
    }
}
