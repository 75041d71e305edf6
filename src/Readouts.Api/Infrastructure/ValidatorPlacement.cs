using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// Tells MVC where the validators are, which FluentValidation's provider cannot say up front, so
/// that MVC does not look for one on every request at every place one could be. What fails to
/// bind is still a 400.
/// <list type="bullet">
/// <item>An action's id, slug or number has none: MVC otherwise looked for an IValidator&lt;long&gt;
/// on every request, for every such parameter: 4.6% of the API's CPU on a call's GET.</item>
/// <item>A request object's validator checks it whole, its statements and lists included
/// (ChildRules, RuleForEach), so MVC need not walk into its properties and items asking at each:
/// that walk cost as much of a post's API CPU as the validator itself.</item>
/// </list>
/// </summary>
internal sealed class ValidatorPlacement : IValidationMetadataProvider
{
    private static readonly HashSet<Type> ValidatedWhole = typeof(ValidatorPlacement).Assembly.GetTypes()
        .SelectMany(t => t.GetInterfaces())
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
        .Select(i => i.GetGenericArguments()[0])
        .ToHashSet();

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        if (context.Key.MetadataKind == ModelMetadataKind.Parameter && (type.IsPrimitive || type == typeof(string)))
        {
            context.ValidationMetadata.HasValidators = false;
        }
        else if (ValidatedWhole.Contains(type))
        {
            context.ValidationMetadata.ValidateChildren = false;
        }
    }
}
