namespace CooperationPlatform.Portal.Localization;

/// <summary>
/// Every piece of interface text the portal shows, in one language. Each property is <c>required</c>, so a language that lacks a
/// text does not compile: adding a text means adding it to every language (Localization/Text.*.cs). Data (names, descriptions,
/// sector and country labels from the API) is shown as the API gives it; only the interface is translated.
/// Texts with <c>{0}</c> are composite formats, filled in with the language's culture (<see cref="Ui.Format"/>).
/// </summary>
public sealed class UiText
{
    // Dates: a .NET custom format (month names come from the language's culture).
    public required string DateFormat { get; init; }

    // Layout
    public required string SiteName { get; init; }
    public required string SkipToContent { get; init; }
    public required string MainNavigation { get; init; }
    public required string NavHome { get; init; }
    public required string NavDirectory { get; init; }
    public required string NavApi { get; init; }
    public required string LanguageLabel { get; init; }
    public required string FooterNote { get; init; }

    // A section whose service did not answer: {0} is the section's name.
    public required string UnavailableFormat { get; init; }
    public required string UnavailableTitle { get; init; }

    // Home
    public required string HomeTitle { get; init; }
    public required string HomeIntro { get; init; }
    public required string FiguresHeading { get; init; }
    public required string FigureInstitutions { get; init; }
    public required string FigureNetworks { get; init; }
    public required string FigureProjects { get; init; }
    public required string FigureCountries { get; init; }
    public required string FigureGoals { get; init; }
    public required string FigureEvents { get; init; }
    public required string NextEventsHeading { get; init; }
    public required string LatestEventsHeading { get; init; }
    public required string NoEvents { get; init; }
    public required string NewestProjectsHeading { get; init; }
    public required string NoProjects { get; init; }
    public required string BrowseDirectory { get; init; }

    // Directory search
    public required string DirectoryTitle { get; init; }
    public required string DirectoryIntro { get; init; }
    public required string SearchLabel { get; init; }
    public required string SearchButton { get; init; }
    public required string ResultsFormat { get; init; }
    public required string NoResults { get; init; }
    public required string FiltersHeading { get; init; }
    public required string ActiveFilters { get; init; }
    public required string RemoveFilterFormat { get; init; }
    public required string ClearFilters { get; init; }
    public required string FacetType { get; init; }
    public required string FacetCountry { get; init; }
    public required string FacetRegion { get; init; }
    public required string FacetGrouping { get; init; }
    public required string FacetSector { get; init; }
    public required string FacetSdg { get; init; }
    public required string FacetRole { get; init; }
    public required string FacetNetwork { get; init; }
    public required string ShowAllFormat { get; init; }
    public required string PreviousPage { get; init; }
    public required string NextPage { get; init; }
    public required string PageFormat { get; init; }
    public required string Pagination { get; init; }
    public required string OpenOffersFormat { get; init; }

    // Institution page
    public required string Expertise { get; init; }
    public required string Sectors { get; init; }
    public required string Goals { get; init; }
    public required string Roles { get; init; }
    public required string OperatingAreas { get; init; }
    public required string Seat { get; init; }
    public required string Founded { get; init; }
    public required string Website { get; init; }
    public required string History { get; init; }
    public required string Relations { get; init; }
    public required string Networks { get; init; }
    public required string NoNetworks { get; init; }
    public required string Since { get; init; }
    public required string Until { get; init; }
    public required string CurrentMembersLink { get; init; }
    public required string MembersHeading { get; init; }
    public required string MemberCountsFormat { get; init; }
    public required string Secretariat { get; init; }
    public required string Hubs { get; init; }
    public required string SectionMembers { get; init; }
    public required string OffersAndNeeds { get; init; }
    public required string Offers { get; init; }
    public required string Needs { get; init; }
    public required string NoOffers { get; init; }
    public required string NoNeeds { get; init; }
    public required string TrackRecord { get; init; }
    public required string TrackRecordFormat { get; init; }
    public required string NoTrackRecord { get; init; }
    public required string Project { get; init; }
    public required string Status { get; init; }
    public required string Year { get; init; }
    public required string Role { get; init; }
    public required string Network { get; init; }
    public required string Period { get; init; }
    public required string Archived { get; init; }
    public required string SectionInstitution { get; init; }
    public required string SectionNetworks { get; init; }
    public required string SectionListings { get; init; }
    public required string SectionTrackRecord { get; init; }
    public required string SectionFigures { get; init; }
    public required string SectionEvents { get; init; }
    public required string SectionProjects { get; init; }
    public required string SectionDirectory { get; init; }

    // Errors
    public required string NotFoundTitle { get; init; }
    public required string NotFoundText { get; init; }
    public required string BackHome { get; init; }
    public required string ErrorTitle { get; init; }
    public required string ErrorText { get; init; }

    /// <summary>
    /// Labels of the platform's codes (institution types and statuses, partner roles, membership roles and statuses, project
    /// statuses, relation kinds). A code missing here is shown with its hyphens as spaces.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Codes { get; init; }
}
