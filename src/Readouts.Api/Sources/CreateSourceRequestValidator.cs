using FluentValidation;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Sources;

internal sealed class CreateSourceRequestValidator : AbstractValidator<CreateSourceRequest>
{
    public CreateSourceRequestValidator()
    {
        RuleFor(r => r.Slug).NotEmpty().Must(ValidationRules.IsSlug).WithMessage(ValidationRules.SlugMessage);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Country).NotEmpty().Must(ValidationRules.IsCountryCode).WithMessage(ValidationRules.CountryCodeMessage);
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2048).Must(ValidationRules.IsHttpUrl).WithMessage("'url' must be an absolute http or https URL.");
    }
}
