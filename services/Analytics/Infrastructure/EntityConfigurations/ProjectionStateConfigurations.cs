using CooperationPlatform.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CooperationPlatform.Analytics.Infrastructure.EntityConfigurations;

// The views' SQL (ProjectionQueries) names these tables and columns; GIN indexes serve the array containment filters.
// Each state's version is a concurrency token (project rows are written by ProjectRows, whose statement makes the same check): two instances applying messages of one aggregate at once (each checked the version
// it read) cannot both write; the second fails, rolls back and is retried against the first's row.

public sealed class ProjectStateConfiguration : IEntityTypeConfiguration<ProjectState>
{
    /// <summary>The shadow property of the number of partner institutions, kept by PostgreSQL (a stored generated column, <c>partner_count</c>) for the index below.</summary>
    public const string PartnerCount = "PartnerCount";

    public void Configure(EntityTypeBuilder<ProjectState> project)
    {
        project.ToTable("projects");
        project.Property(p => p.Id).ValueGeneratedNever();
        project.Property(p => p.Version).IsConcurrencyToken();
        project.HasIndex(p => p.Sdgs).HasMethod("gin");
        project.HasIndex(p => p.Places).HasMethod("gin");
        project.HasIndex(p => p.Partners).HasMethod("gin");
        // The count and the partnership views need only these columns of each project: an index-only scan of this narrow index
        // reads them without touching the wide rows (arrays, title).
        project.Property<int>(PartnerCount).HasComputedColumnSql("cardinality(partners)", stored: true);
        project.HasIndex(nameof(ProjectState.StartYear), nameof(ProjectState.Status), nameof(ProjectState.Modality), PartnerCount);
    }
}

public sealed class PartnerPairConfiguration : IEntityTypeConfiguration<PartnerPair>
{
    public void Configure(EntityTypeBuilder<PartnerPair> pair)
    {
        pair.ToTable("partner_pairs");
        pair.HasKey(p => new { p.ProjectId, p.A, p.B });
        pair.HasOne<ProjectState>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // Distinct pairs in scope are read off this index in order (an index-only scan), with no hash of every pair.
        pair.HasIndex(p => new { p.A, p.B, p.StartYear, p.Status });
    }
}

public sealed class InstitutionStateConfiguration : IEntityTypeConfiguration<InstitutionState>
{
    public void Configure(EntityTypeBuilder<InstitutionState> institution)
    {
        institution.ToTable("institutions");
        institution.Property(i => i.Id).ValueGeneratedNever();
        institution.Property(i => i.Version).IsConcurrencyToken();
        institution.Property(i => i.NetworksVersion).IsConcurrencyToken();
        institution.HasIndex(i => i.NetworkIds).HasMethod("gin");
        institution.HasIndex(i => i.Country);
    }
}

public sealed class EventStateConfiguration : IEntityTypeConfiguration<EventState>
{
    public void Configure(EntityTypeBuilder<EventState> analyticEvent)
    {
        analyticEvent.ToTable("events");
        analyticEvent.Property(e => e.Id).ValueGeneratedNever();
        analyticEvent.Property(e => e.Version).IsConcurrencyToken();
        analyticEvent.HasIndex(e => e.VenueCountry);
    }
}

public sealed class RegistrationStateConfiguration : IEntityTypeConfiguration<RegistrationState>
{
    public void Configure(EntityTypeBuilder<RegistrationState> registration)
    {
        registration.ToTable("registrations");
        registration.Property(r => r.Id).ValueGeneratedNever();
        registration.Property(r => r.Version).IsConcurrencyToken();
        registration.HasIndex(r => r.EventId);
        registration.HasIndex(r => r.Country);
    }
}

public sealed class MeetingStateConfiguration : IEntityTypeConfiguration<MeetingState>
{
    public void Configure(EntityTypeBuilder<MeetingState> meeting)
    {
        meeting.ToTable("meetings");
        meeting.Property(m => m.Id).ValueGeneratedNever();
        meeting.Property(m => m.Version).IsConcurrencyToken();
        meeting.HasIndex(m => m.EventId);
    }
}
