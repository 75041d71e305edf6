using FluentValidation;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Readouts;

internal sealed class ReadoutRequestValidator : AbstractValidator<ReadoutRequest>
{
    public ReadoutRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Source).NotEmpty().Must(ValidationRules.IsSlug).WithMessage(ValidationRules.SlugMessage);
        RuleFor(r => r.Language).NotEmpty().Must(SearchLanguages.IsLanguageTag)
            .WithMessage("'language' must be a BCP 47 code such as 'tr', 'ru' or 'en-GB'.");
        RuleFor(r => r.CallDate).NotNull()
            .Must(d => d >= CallDates.Earliest).WithMessage($"'callDate' must be on or after {CallDates.Earliest:yyyy-MM-dd}.")
            .Must(d => d <= CallDates.Latest(clock)).WithMessage("'callDate' cannot be in the future.");
        RuleFor(r => r.PublishedAt)
            .Must(p => p <= clock.GetUtcNow().AddMinutes(5)).WithMessage("'publishedAt' cannot be in the future.")
            .Must((r, p) => r.CallDate is null || DateOnly.FromDateTime(p!.Value.DateTime) >= r.CallDate.Value.AddDays(-1))
            .WithMessage("'publishedAt' is before the call took place.")
            .When(r => r.PublishedAt is not null);
        RuleFor(r => r.Title).NotEmpty().MaximumLength(1000);
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2048).Must(ValidationRules.IsHttpUrl).WithMessage("'url' must be an absolute http or https URL.");
        // A readout is a few kilobytes; the cap keeps its search index under PostgreSQL's 1 MB tsvector limit.
        RuleFor(r => r.Body).NotEmpty().MaximumLength(ReadoutLimits.MaxBodyLength);
        RuleFor(r => r.Leaders).NotNull()
            .Must(l => l!.Count >= 2).WithMessage("A call has at least two leaders.")
            .Must(l => l!.Count <= 50).WithMessage("At most 50 leaders.");
        RuleForEach(r => r.Leaders).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Topics).Must(t => t is null || t.Count <= 100).WithMessage("At most 100 topics.");
        RuleForEach(r => r.Topics).NotEmpty().MaximumLength(200).Must(t => ValidationRules.IsUsableName(t, 200))
            .WithMessage("A topic must contain letters or digits and make a slug of at most 200 characters.");
        RuleFor(r => r.Statements).Must(s => s is null || s.Count <= 500).WithMessage("At most 500 statements.");
        RuleForEach(r => r.Statements).NotNull().ChildRules(statement =>
        {
            statement.RuleFor(s => s!.Text).NotEmpty().MaximumLength(ReadoutLimits.MaxStatementLength);
            statement.RuleFor(s => s!.Speaker).MaximumLength(200);
        });
    }
}

internal sealed class ReadoutQueryValidator : AbstractValidator<ReadoutQuery>
{
    public ReadoutQueryValidator()
    {
        RuleFor(q => q.Source).Must(ValidationRules.IsSlug).When(q => q.Source is not null).WithMessage(ValidationRules.SlugMessage);
        RuleFor(q => q.Leader).NotEmpty().MaximumLength(200).When(q => q.Leader is not null);
        RuleFor(q => q.From).LessThanOrEqualTo(q => q.To).When(q => q.From is not null && q.To is not null)
            .WithMessage("'from' must not be after 'to'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || Cursor.TryDecode(c, out _, out _)).WithMessage(ValidationRules.CursorMessage);
    }
}

/// <summary>Text sizes a readout may have.</summary>
public static class ReadoutLimits
{
    public const int MaxBodyLength = 200_000;
    public const int MaxStatementLength = 10_000;
}

/// <summary>The range of dates a call can have.</summary>
public static class CallDates
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>Tomorrow in UTC: east of Greenwich, a source's "today" is already UTC's tomorrow.</summary>
    public static DateOnly Latest(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
}
