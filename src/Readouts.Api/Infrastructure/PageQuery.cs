using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Readouts.Api.Infrastructure;

/// <summary>Page parameters for lists that take no filters.</summary>
public sealed class PageQuery
{
    /// <summary>Page size, 1–100 (default 20).</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

internal sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || Infrastructure.Cursor.TryDecode(c, out string? _)).WithMessage(ValidationRules.CursorMessage);
    }
}
