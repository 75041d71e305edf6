using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Readouts.Api.Infrastructure;

/// <summary>The OpenAPI document: XML-doc descriptions, examples from the seed, and the API key for writes.</summary>
internal static class SwaggerSetup
{
    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Readouts API",
            Version = "v1",
            Description = "Official readouts of leaders' phone calls, each side's account linked to the same call and compared. "
                + "Reads are public; writes need an X-Api-Key (Development: readouts-dev-key). Request bodies are limited to 1 MiB.",
        });
        options.IncludeXmlComments(ApplicationExtensions.XmlDocumentationPath);
        options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A write key. Reads need none.",
        });
        options.OperationFilter<ApiKeyOperationFilter>();
    }

    /// <summary>Marks only the operations that need a key, so Swagger UI shows the lock where it applies.</summary>
    private sealed class ApiKeyOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.MethodInfo.GetCustomAttributes(true).OfType<AuthorizeAttribute>().Any())
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
                ];
            }
        }
    }
}
