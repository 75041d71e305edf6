using System.Text.RegularExpressions;
using Readouts.Api.Infrastructure;
using Readouts.Api.Infrastructure.Migrations.Registry;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Topics;

/// <summary>The registry's data files, as the TopicSubjects migration loads them, checked without a database.</summary>
public sealed partial class RegistryDataTests
{
    private static readonly string[] Languages = ["en", "ru", "tr", "fr", "de", "es", "pt", "it", "zh", "ja", "ko", "ar", "uk", "hi", "id"];

    [GeneratedRegex("^Q[1-9][0-9]*$")]
    private static partial Regex WikidataId();

    private static IEnumerable<RegistrySubject> Countries => SubjectRegistry.Subjects.Where(s => s.Kind == TopicKind.Country);

    private static IEnumerable<RegistrySubject> Curated => SubjectRegistry.Subjects.Where(s => s.Kind != TopicKind.Country);

    private static RegistrySubject Subject(string slug) => SubjectRegistry.Subjects.Single(s => s.Slug == slug);

    [Fact]
    public void Every_country_and_territory_of_iso_3166_1_is_a_subject_with_its_wikidata_id()
    {
        var countries = Countries.ToList();

        Assert.Equal(250, countries.Count);
        Assert.All(countries, c => Assert.Matches(WikidataId(), c.Wikidata!));
        Assert.Equal(countries.Count, countries.Select(c => c.Country).Distinct().Count());
        Assert.Equal(("Q212", "UA"), (Subject("ukraine").Wikidata, Subject("ukraine").Country));
        Assert.Equal(("Q43", "TR"), (Subject("turkiye").Wikidata, Subject("turkiye").Country));
        Assert.Equal("XK", Subject("kosovo").Country);
    }

    [Fact]
    public void Every_subject_has_names_in_all_fifteen_languages() =>
        Assert.All(SubjectRegistry.Subjects, s =>
        {
            var missing = Languages.Where(l => !s.Names.Any(n => n.ListedIn.Contains(l))).ToList();
            Assert.True(missing.Count == 0, $"{s.Slug} has no name in {string.Join(", ", missing)}.");
        });

    [Fact]
    public void At_least_eighty_regions_organisations_and_themes_are_curated_with_their_wikidata_ids()
    {
        var curated = Curated.ToList();

        Assert.True(curated.Count >= 80, $"{curated.Count} curated subjects.");
        Assert.Equal([TopicKind.Organization, TopicKind.Region, TopicKind.Theme], curated.Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(curated.Where(s => s.Wikidata is not null), s => Assert.Matches(WikidataId(), s.Wikidata!));
        Assert.All(["middle-east", "black-sea", "south-caucasus", "gaza-strip", "korean-peninsula", "nato", "european-union", "g7", "g20", "brics", "ceasefire", "sanctions", "peace-talks", "prisoner-exchange", "regional-and-global-issues"],
            slug => Assert.Contains(curated, s => s.Slug == slug));
        Assert.Equal("Q7184", Subject("nato").Wikidata);
        Assert.Equal("EU", Subject("european-union").Country);
    }

    [Fact]
    public void No_name_names_two_subjects_once_folded()
    {
        var owners = SubjectRegistry.Subjects
            .SelectMany(s => s.Names.Select(n => (Key: NameKey.Fold(n.Text), s.Slug)))
            .Distinct()
            .GroupBy(n => n.Key)
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}': {string.Join(", ", g.Select(n => n.Slug))}")
            .ToList();

        Assert.True(owners.Count == 0, $"Names of two subjects: {string.Join("; ", owners)}");
        Assert.Equal(SubjectRegistry.Subjects.Count, SubjectRegistry.Subjects.Select(s => s.Slug).Distinct().Count());
        Assert.Equal(SubjectRegistry.Subjects.Count(s => s.Wikidata is not null), SubjectRegistry.Subjects.Where(s => s.Wikidata is not null).Select(s => s.Wikidata).Distinct().Count());
    }

    [Fact]
    public void An_ordinary_word_of_a_language_is_not_looked_for_in_that_languages_texts()
    {
        // Turkish mali is "financial": Mali resolves a Turkish label but is never a mention in Turkish.
        var mali = Subject("mali").Names.Single(n => n.Text == "Mali");
        Assert.DoesNotContain("tr", mali.Languages);
        Assert.Contains("en", mali.Languages);
    }

    [Theory]
    [InlineData("chad", "Chad")]
    [InlineData("turkiye", "Turkey")]
    [InlineData("china", "China")]
    public void An_english_name_that_is_also_a_lowercase_word_is_found_only_as_written(string slug, string name) =>
        Assert.True(Subject(slug).Names.Single(n => n.Text == name).Cased, $"{name} would be found in every '{name.ToLowerInvariant()}'.");

    [Fact]
    public void Names_written_in_capitals_are_found_only_as_written() =>
        Assert.All(SubjectRegistry.Subjects.SelectMany(s => s.Names).Where(n => MentionFinder.IsWrittenInCapitals(n.Text)), n => Assert.True(n.Cased, n.Text));

    [Fact]
    public void Every_registry_leader_has_a_wikidata_id_and_names_in_chinese_japanese_korean_and_arabic_scripts()
    {
        var identities = LeaderIdentities.Leaders.ToDictionary(l => l.Slug);

        Assert.Equal(LeaderRegistry.Leaders.Select(l => l.Slug).Order(StringComparer.Ordinal), identities.Keys.Order(StringComparer.Ordinal));
        Assert.All(LeaderRegistry.Leaders, leader =>
        {
            var names = leader.Aliases.Concat(identities[leader.Slug].Aliases).ToList();
            Assert.True(names.Any(n => n.Any(c => c is >= '\u4E00' and <= '\u9FFF')), $"{leader.Slug} has no name in Chinese characters.");
            Assert.True(names.Any(n => n.Any(c => c is >= '\u30A0' and <= '\u30FF')) || leader.Country is "CN" or "JP" or "KR", $"{leader.Slug} has no name in katakana.");
            Assert.True(names.Any(n => n.Any(c => c is >= '\uAC00' and <= '\uD7AF')), $"{leader.Slug} has no name in Hangul.");
            Assert.True(names.Any(n => n.Any(c => c is >= '\u0600' and <= '\u06FF')), $"{leader.Slug} has no name in Arabic script.");
        });
        Assert.All(identities.Values.Where(l => l.Wikidata is not null), l => Assert.Matches(WikidataId(), l.Wikidata!));
        Assert.Equal("Q7747", identities["vladimir-putin"].Wikidata);
        Assert.Equal("Q22686", identities["donald-trump"].Wikidata);
    }

    [Fact]
    public void No_new_leader_name_is_another_leaders()
    {
        var keys = LeaderRegistry.Leaders.SelectMany(l => l.Aliases.Prepend(l.Name).Select(n => (Key: NameKey.Fold(n), l.Slug)))
            .Concat(LeaderIdentities.Leaders.SelectMany(l => l.Aliases.Select(n => (Key: NameKey.Fold(n), l.Slug))))
            .Distinct()
            .GroupBy(n => n.Key)
            .Where(g => g.Count() > 1)
            .Select(g => $"'{g.Key}': {string.Join(", ", g.Select(n => n.Slug))}")
            .ToList();

        Assert.True(keys.Count == 0, $"Names of two leaders: {string.Join("; ", keys)}");
    }
}
