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

    [Theory]
    [InlineData("Erdoğan", "Erdogan")]
    [InlineData("Élysée", "elysee")]
    [InlineData("Işıl", "isil")]
    [InlineData("İlham", "ilham")]
    [InlineData("Şahin", "sahin")]
    [InlineData("RECEP TAYYİP ERDOĞAN", "Recep Tayyip Erdogan")]
    [InlineData("Recep\tTayyip\n Erdoğan", "recep tayyip erdogan")]
    [InlineData("Donald J. Trump", "donald j trump")]
    [InlineData("Frank-Walter Steinmeier", "frank walter steinmeier")]
    [InlineData("“Lula”, da Silva!", "lula da silva")]
    public void Two_spellings_that_differ_only_in_case_diacritics_punctuation_or_spacing_fold_alike(string spelling, string other) =>
        Assert.Equal(NameKey.Fold(other), NameKey.Fold(spelling));

    [Theory]
    [InlineData("ПУТИН", "путин")]
    [InlineData("Владимир  Путин.", "владимир путин")]
    [InlineData("Ердоган", "ердоган")]
    [InlineData("习近平", "习近平")]
    public void Fold_lowers_and_cleans_other_scripts_without_transliterating_them(string text, string expected) =>
        Assert.Equal(expected, NameKey.Fold(text));

    [Theory]
    [InlineData("टोगो", "टोंगा")]
    [InlineData("ジョージア", "ショーシア")]
    [InlineData("नरेन्द्र मोदी", "नरनदर मद")]
    public void Fold_keeps_the_marks_that_are_letters_in_their_script_so_that_different_names_stay_apart(string name, string other) =>
        Assert.NotEqual(NameKey.Fold(name), NameKey.Fold(other));

    [Theory]
    [InlineData("Çin", "cin")]
    [InlineData("Ёлка", "елка")]
    [InlineData("الْعِرَاق", "العراق")]
    public void Fold_drops_the_marks_that_are_accents_on_latin_greek_cyrillic_arabic_and_hebrew_letters(string text, string expected) =>
        Assert.Equal(expected, NameKey.Fold(text));

    [Theory]
    [InlineData("Путин", "Putin")]
    [InlineData("Эрдоган", "Erdogan")]
    [InlineData("Владимир Путин", "Vladimir Putin")]
    [InlineData("Йонас Кастен", "Ionas Kasten")]
    public void A_cyrillic_name_and_its_latin_spelling_differ_in_fold_but_share_the_latin_key(string cyrillic, string latin)
    {
        Assert.NotEqual(NameKey.Fold(latin), NameKey.Fold(cyrillic));
        Assert.Equal(NameKey.Latin(latin), NameKey.Latin(cyrillic));
    }

    [Theory]
    [InlineData("RECEP-TAYYIP ERDOĞAN!", "receptayyiperdogan")]
    [InlineData("Şahin Işık", "sahinisik")]
    [InlineData("!!! ...", "")]
    public void Latin_ignores_case_diacritics_and_punctuation(string text, string expected) =>
        Assert.Equal(expected, NameKey.Latin(text));

    [Theory]
    [InlineData("  Recep   Tayyip  Erdoğan!! ", "recep-tayyip-erdogan")]
    [InlineData("RECEP TAYYİP ERDOĞAN", "recep-tayyip-erdogan")]
    [InlineData("Владимир Путин", "vladimir-putin")]
    [InlineData("Luiz Inácio Lula da Silva", "luiz-inacio-lula-da-silva")]
    [InlineData("Frank-Walter Steinmeier", "frank-walter-steinmeier")]
    public void Slug_transliterates_and_ignores_case_diacritics_punctuation_and_spacing(string text, string expected) =>
        Assert.Equal(expected, NameKey.Slug(text));

    [Theory]
    [InlineData("Recep Tayyip Erdoğan")]
    [InlineData("Türkiye–Russia relations")]
    [InlineData("习近平")]
    [InlineData("Владимир Путин")]
    public void A_slug_is_its_own_slug(string text)
    {
        var slug = NameKey.Slug(text);

        Assert.Equal(slug, NameKey.Slug(slug));
        Assert.True(Api.Infrastructure.ValidationRules.IsSlug(slug), $"Slug('{text}') = '{slug}' is not a valid slug.");
    }
}
