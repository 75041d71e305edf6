using FluentValidation;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Leaders;

internal sealed class CreateLeaderRequestValidator : AbstractValidator<CreateLeaderRequest>
{
    public CreateLeaderRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => ValidationRules.IsUsableName(n, 100))
            .WithMessage(ValidationRules.UnusableNameMessage);
        RuleFor(r => r.Country).NotEmpty().Must(ValidationRules.IsCountryCode).WithMessage(ValidationRules.CountryCodeMessage);
        RuleFor(r => r.Wikidata).Must(ValidationRules.IsWikidataId).When(r => r.Wikidata is not null).WithMessage(ValidationRules.WikidataMessage);
        RuleFor(r => r.Aliases).Must(a => a is null || a.Count <= 50).WithMessage("At most 50 aliases.");
        RuleForEach(r => r.Aliases).NotEmpty().MaximumLength(200).Must(a => ValidationRules.IsUsableName(a, 400))
            .WithMessage(ValidationRules.UnusableNameMessage);
    }
}

internal sealed class AddAliasRequestValidator : AbstractValidator<AddAliasRequest>
{
    public AddAliasRequestValidator()
    {
        RuleFor(r => r.Alias).NotEmpty().MaximumLength(200).Must(a => ValidationRules.IsUsableName(a, 400))
            .WithMessage(ValidationRules.UnusableNameMessage);
    }
}

internal sealed class LeaderQueryValidator : AbstractValidator<LeaderQuery>
{
    public LeaderQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || Cursor.TryDecode(c, out string? _)).WithMessage(ValidationRules.CursorMessage);
    }
}
