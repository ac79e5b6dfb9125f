namespace CooperationPlatform.Portal.Components;

/// <summary>The sections the main navigation links to, in order: a new page adds its line here.</summary>
public static class Sections
{
    public sealed record Section(string Href, Func<Localization.UiText, string> Name, NavLinkMatchKind Match);

    public enum NavLinkMatchKind
    {
        Exact,
        Prefix,
    }

    public static readonly IReadOnlyList<Section> All =
    [
        new("/", text => text.NavHome, NavLinkMatchKind.Exact),
        new("/directory", text => text.NavDirectory, NavLinkMatchKind.Prefix),
    ];
}
