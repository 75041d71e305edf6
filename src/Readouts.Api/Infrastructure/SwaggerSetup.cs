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
                + "Reads are public; writes need an X-Api-Key (Development: readouts-dev-key). Request bodies are limited to 1 MiB (a batch of readouts to 16 MiB).",
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
        options.OperationFilter<WriteSafetyHeadersOperationFilter>();
        options.OperationFilter<BatchBodyOperationFilter>();
    }

    /// <summary>The batch endpoint reads its body itself (item by item); this documents what it reads.</summary>
    private sealed class BatchBodyOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.RelativePath != "api/readouts/batch")
            {
                return;
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"Up to {Readouts.ReadoutBatch.MaxItems} readouts, each as the body of POST /api/readouts; or {Readouts.ReadoutBatch.NdJson}, one readout per line.",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(List<Readouts.ReadoutRequest>), context.SchemaRepository) },
                    [Readouts.ReadoutBatch.NdJson] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
        }
    }

    /// <summary>The headers of write safety, so Swagger UI can send them: Idempotency-Key, If-Match, If-None-Match.</summary>
    private sealed class WriteSafetyHeadersOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var method = context.ApiDescription.HttpMethod;
            var path = context.ApiDescription.RelativePath ?? "";
            var writes = context.MethodInfo.GetCustomAttributes(true).OfType<AuthorizeAttribute>().Any();
            if (writes && method == "POST" && !path.EndsWith("/link", StringComparison.Ordinal))
            {
                Add(operation, WriteContext.IdempotencyKeyHeader, required: false, "A key of yours (such as a UUID): a retry with it replays the first answer instead of writing again.");
            }
            else if (writes && method is "PUT" or "DELETE")
            {
                Add(operation, "If-Match", required: true, "The readout's ETag from its GET, quoted: \"3\".");
            }
            else if (writes && method == "POST")
            {
                Add(operation, "If-Match", required: false, "The readout's ETag, to refuse the move (412) if it changed meanwhile.");
            }
            else if (method == "GET" && path is "api/readouts/{id}" or "api/calls/{id}" or "api/calls/{id}/comparison")
            {
                Add(operation, "If-None-Match", required: false, "An ETag you hold: 304 while it is still current.");
            }
        }

        private static void Add(OpenApiOperation operation, string name, bool required, string description)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = required,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
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
