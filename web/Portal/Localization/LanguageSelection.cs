using Microsoft.AspNetCore.Localization;

namespace CooperationPlatform.Portal.Localization;

/// <summary>
/// The request's language: <c>?lang=fr</c> (a link that can be shared), else the <c>lang</c> cookie that such a link sets, else
/// English. The browser's Accept-Language is not read: pages are cached by URL (here and at the gateway), and a page's language
/// must follow from its URL and cookie alone.
/// </summary>
public static class LanguageSelection
{
    public const string QueryKey = "lang";
    public const string CookieName = "lang";

    public static RequestLocalizationOptions Options()
    {
        var cultures = Languages.All.Select(language => language.Culture).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Languages.English.Culture),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
            new CookieRequestCultureProvider { CookieName = CookieName },
        ];
        return options;
    }

    /// <summary>After request localization: a valid <c>?lang=</c> that differs from the cookie is remembered in it for a year.</summary>
    public static IApplicationBuilder UseLanguageCookie(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Query.TryGetValue(QueryKey, out var asked) && asked.Count == 1
            && Languages.All.FirstOrDefault(l => string.Equals(l.Code, asked[0], StringComparison.OrdinalIgnoreCase)) is { } language)
        {
            var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture));
            if (context.Request.Cookies[CookieName] != value)
            {
                context.Response.Cookies.Append(CookieName, value, new CookieOptions
                {
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                });
            }
        }
        return next(context);
    });
}
