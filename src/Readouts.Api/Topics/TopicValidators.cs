using FluentValidation;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;

namespace Readouts.Api.Topics;

internal sealed class TopicAliasRequestValidator : AbstractValidator<TopicAliasRequest>
{
    public TopicAliasRequestValidator()
    {
        RuleFor(r => r.Alias).NotEmpty().MaximumLength(200).Must(a => ValidationRules.IsUsableName(a, 200))
            .WithMessage(ValidationRules.UnusableNameMessage);
        RuleFor(r => r.Languages).Must(l => l is null || l.Count <= 50).WithMessage("At most 50 languages.");
        RuleForEach(r => r.Languages).NotEmpty().Must(l => SearchLanguages.IsLanguageTag(l) && !l!.Contains('-'))
            .WithMessage("A language is a BCP 47 primary tag such as 'ru', 'tr' or 'zh'.");
    }
}

internal sealed class CreateTopicRequestValidator : AbstractValidator<CreateTopicRequest>
{
    public CreateTopicRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => ValidationRules.IsUsableName(n, 200))
            .WithMessage(ValidationRules.UnusableNameMessage);
        RuleFor(r => r.Kind).NotEmpty().Must(k => TopicKind.All.Contains(k))
            .WithMessage($"'kind' must be one of: {string.Join(", ", TopicKind.All)}.");
        RuleFor(r => r.Wikidata).Must(ValidationRules.IsWikidataId).When(r => r.Wikidata is not null).WithMessage(ValidationRules.WikidataMessage);
        RuleFor(r => r.Country).Must(ValidationRules.IsCountryCode).When(r => r.Country is not null).WithMessage(ValidationRules.CountryCodeMessage);
        RuleFor(r => r.Country).NotEmpty().When(r => r.Kind == TopicKind.Country).WithMessage("A country needs its ISO 3166-1 alpha-2 code in 'country'.");
        RuleFor(r => r.Country).Null().When(r => r.Kind != TopicKind.Country).WithMessage("Only a topic of kind 'country' has a country code.");
        RuleFor(r => r.Aliases).Must(a => a is null || a.Count <= 200).WithMessage("At most 200 aliases.");
        RuleForEach(r => r.Aliases).NotNull().SetValidator(new TopicAliasRequestValidator()!);
    }
}

internal sealed class MergeTopicsRequestValidator : AbstractValidator<MergeTopicsRequest>
{
    public MergeTopicsRequestValidator()
    {
        RuleFor(r => r.Topics).NotEmpty().WithMessage("Name at least one topic to merge.")
            .Must(t => t!.Count <= 100).WithMessage("At most 100 topics at once.");
        RuleForEach(r => r.Topics).NotEmpty().Must(ValidationRules.IsTopicSlug).WithMessage(ValidationRules.SlugMessage);
    }
}

internal sealed class TopicQueryValidator : AbstractValidator<TopicQuery>
{
    public TopicQueryValidator()
    {
        RuleFor(q => q.Q).NotEmpty().MaximumLength(200).Must(ValidationRules.HasLetterOrDigit).When(q => q.Q is not null)
            .WithMessage("'q' must contain a letter or digit.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || Cursor.TryDecode(c, out string? _)).WithMessage(ValidationRules.CursorMessage);
    }
}
