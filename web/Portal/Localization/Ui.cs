using System.Globalization;

namespace CooperationPlatform.Portal.Localization;

/// <summary>
/// The request's language (chosen by <c>?lang=</c> or the <c>lang</c> cookie, see <see cref="LanguageSelection"/>) and formatting
/// in it: components inject this and write <c>@Ui.T.SiteName</c>, <c>@Ui.Number(n)</c>, <c>@Ui.Date(d)</c>.
/// </summary>
public sealed class Ui
{
    public Language Language { get; } = Languages.Find(CultureInfo.CurrentUICulture.Name);

    public UiText T => Language.Text;

    public CultureInfo Culture => Language.Culture;

    public string Number(long value) => value.ToString("N0", Culture);

    public string Date(DateOnly date) => date.ToString(T.DateFormat, Culture);

    public string Format(string format, params object?[] args) => string.Format(Culture, format, args);

    /// <summary>A code's label in this language (<c>research-or-training-centre</c>), or the code with spaces.</summary>
    public string Code(string? code) =>
        code is null ? "" : T.Codes.TryGetValue(code, out var label) ? label : Humanize(code);

    public static string Humanize(string code) =>
        code.Length == 0 ? code : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
