using Readouts.Api.Infrastructure;

namespace Readouts.Api.Tests.Leaders;

/// <summary>The folded forms names are compared by.</summary>
public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Erdoğan", "erdogan")]
    [InlineData("ERDOGAN", "erdogan")]
    [InlineData("  Recep   Tayyip-Erdoğan! ", "recep tayyip erdogan")]
    [InlineData("İSTANBUL", "istanbul")]
    [InlineData("Işık", "isik")]
    [InlineData("Emmanuel Macron.", "emmanuel macron")]
    [InlineData("António Luís", "antonio luis")]
    [InlineData("Friedrich Merz (CDU)", "friedrich merz cdu")]
    public void Fold_ignores_case_diacritics_punctuation_and_extra_spaces(string text, string expected) =>
        Assert.Equal(expected, NameKey.Fold(text));

    [Fact]
    public void Fold_keeps_the_script_so_that_cyrillic_and_latin_stay_apart() =>
        Assert.NotEqual(NameKey.Fold("Путин"), NameKey.Fold("Putin"));

    [Theory]
    [InlineData("Путин", "putin")]
    [InlineData("Putin", "putin")]
    [InlineData("习近平", "xijinping")]
    [InlineData("Xi Jinping", "xijinping")]
    [InlineData("Erdoğan", "erdogan")]
    public void Latin_transliterates_any_script_and_drops_spaces(string text, string expected) =>
        Assert.Equal(expected, NameKey.Latin(text));

    [Theory]
    [InlineData("Recep Tayyip Erdoğan", "recep-tayyip-erdogan")]
    [InlineData("Türkiye–Russia relations", "turkiye-russia-relations")]
    [InlineData("  turkiye russia RELATIONS ", "turkiye-russia-relations")]
    [InlineData("Charles III", "charles-iii")]
    public void Slug_is_lowercase_ascii_words_joined_by_hyphens(string text, string expected) =>
        Assert.Equal(expected, NameKey.Slug(text));
}
