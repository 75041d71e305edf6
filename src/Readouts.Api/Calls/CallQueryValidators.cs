using FluentValidation;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Calls;

internal sealed class CallQueryValidator : AbstractValidator<CallQuery>
{
    public CallQueryValidator()
    {
        RuleFor(q => q.Leader).Must(l => l is null || l.Length <= 10).WithMessage("At most 10 'leader' filters.");
        RuleForEach(q => q.Leader).NotEmpty().MaximumLength(200).OverridePropertyName("leader");
        RuleFor(q => q.From).LessThanOrEqualTo(q => q.To).When(q => q.From is not null && q.To is not null)
            .WithMessage("'from' must not be after 'to'.");
        RuleFor(q => q.Topic).NotEmpty().MaximumLength(200).Must(ValidationRules.HasLetterOrDigit).When(q => q.Topic is not null)
            .WithMessage("'topic' must contain a letter or digit.");
        RuleFor(q => q.Source).Must(ValidationRules.IsSlug).When(q => q.Source is not null).WithMessage(ValidationRules.SlugMessage);
        RuleFor(q => q.Q).NotEmpty().MaximumLength(500).When(q => q.Q is not null);
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || Cursor.TryDecode(c, out _, out _)).WithMessage(ValidationRules.CursorMessage);
    }
}
