namespace Readouts.Api.Infrastructure.Migrations.Registry;

/// <summary>One publisher as the initial registry knows it.</summary>
internal sealed record RegistrySource(string Slug, string Name, string Country, string Url);

/// <summary>
/// The publishers of leaders' call readouts loaded with the first release, starting with the two
/// sides of the seed article. Frozen for the same reason as <see cref="LeaderRegistry"/>.
/// </summary>
internal static class SourceRegistry
{
    public static IReadOnlyList<RegistrySource> Sources { get; } =
    [
        new("iletisim", "Directorate of Communications, Presidency of the Republic of Türkiye", "TR", "https://www.iletisim.gov.tr"),
        new("kremlin", "President of Russia (Kremlin)", "RU", "http://kremlin.ru"),
        new("white-house", "The White House", "US", "https://www.whitehouse.gov"),
        new("elysee", "Élysée, Présidence de la République", "FR", "https://www.elysee.fr"),
        new("bundesregierung", "Die Bundesregierung", "DE", "https://www.bundesregierung.de"),
        new("president-of-ukraine", "Office of the President of Ukraine", "UA", "https://www.president.gov.ua"),
        new("mfa-china", "Ministry of Foreign Affairs of the People's Republic of China", "CN", "https://www.mfa.gov.cn"),
        new("number-10", "Prime Minister's Office, 10 Downing Street", "GB", "https://www.gov.uk/government/organisations/prime-ministers-office-10-downing-street"),
    ];
}
