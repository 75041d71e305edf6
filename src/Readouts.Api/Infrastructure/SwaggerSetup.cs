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
        // Controllers' summaries become their tags' descriptions.
        options.IncludeXmlComments(ApplicationExtensions.XmlDocumentationPath, includeControllerXmlComments: true);
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
        options.OperationFilter<ServedMediaTypesOperationFilter>();
        options.OperationFilter<ResponseHeadersOperationFilter>();

        // Operation ids are the actions' route names ([HttpGet(Name = "ListCalls")]): a generated
        // client's methods are named after them. Nullable references are said so (a bare $ref
        // cannot be null), and what an answer always holds is required.
        options.SupportNonNullableReferenceTypes();
        options.NonNullableReferenceTypesAsRequired();
        options.UseAllOfToExtendReferenceSchemas();
        options.SchemaFilter<RequiredByValidatorSchemaFilter>();
        options.SchemaFilter<NullableReferenceTypeSchemaFilter>();
    }

    /// <summary>
    /// A nullable reference is written as allOf [$ref] with nullable: true, and OpenAPI 3.0 gives
    /// nullable a meaning only beside a type: the type the referenced schema has, object.
    /// </summary>
    private sealed class NullableReferenceTypeSchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            foreach (var property in (schema as OpenApiSchema)?.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            {
                if (property is OpenApiSchema { AllOf.Count: > 0 } concrete && concrete.Type is JsonSchemaType.Null)
                {
                    concrete.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                }
            }
        }
    }

    /// <summary>
    /// A request's required fields are the ones its validator requires without a condition
    /// (NotNull, NotEmpty): the validators hold the rules, so the document reads them there.
    /// </summary>
    private sealed class RequiredByValidatorSchemaFilter(IServiceProvider services) : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema concrete || concrete.Properties is null
                || services.GetService(typeof(FluentValidation.IValidator<>).MakeGenericType(context.Type)) is not IEnumerable<FluentValidation.IValidationRule> rules)
            {
                return;
            }

            // Not what the types say: a request's lists default to empty when left out.
            concrete.Required = new HashSet<string>();
            foreach (var rule in rules)
            {
                var required = rule.PropertyName is { } name && rule.Components.Any(c =>
                    !c.HasCondition && !c.HasAsyncCondition
                    && c.Validator is FluentValidation.Validators.INotNullValidator or FluentValidation.Validators.INotEmptyValidator);
                var property = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(rule.PropertyName ?? "");
                if (required && concrete.Properties.ContainsKey(property))
                {
                    concrete.Required.Add(property);
                }
            }
        }
    }

    /// <summary>
    /// The headers answers carry (ETag, Location, Idempotent-Replayed, Retry-After) and the answers
    /// of conditional requests, retries and limits (304, 412, 428, 429, 503), so that a generated
    /// client can read them rather than throw.
    /// </summary>
    private sealed class ResponseHeadersOperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var method = context.ApiDescription.HttpMethod;
            var path = context.ApiDescription.RelativePath ?? "";
            var writes = context.MethodInfo.GetCustomAttributes(true).OfType<AuthorizeAttribute>().Any();
            var tagged = path is "api/readouts/{id}" or "api/calls/{id}" or "api/calls/{id}/comparison";
            operation.Responses ??= [];
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete)
                {
                    continue;
                }

                if (status is "200" or "201" && (tagged || (writes && path.StartsWith("api/readouts", StringComparison.Ordinal) && path != "api/readouts/batch")))
                {
                    Header(concrete, "ETag", "The readout's or call's version, quoted: send it in If-None-Match or If-Match.");
                }

                if (status == "201")
                {
                    Header(concrete, "Location", "Where what was created is read.");
                }

                if (writes && method == "POST" && status is "200" or "201")
                {
                    Header(concrete, "Idempotent-Replayed", "\"true\" when this answer replays the first answer to the same Idempotency-Key.");
                }
            }

            if (method == "GET" && tagged)
            {
                operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the If-None-Match ETag is still current." });
            }

            if (writes && method is "PUT" or "DELETE" or "POST" && path.StartsWith("api/readouts/{id}", StringComparison.Ordinal))
            {
                operation.Responses.TryAdd("412", Problem(context, "The If-Match ETag is no longer current: read the readout again."));
            }

            if (writes && method is "PUT" or "DELETE" && path.StartsWith("api/readouts/", StringComparison.Ordinal))
            {
                operation.Responses.TryAdd("428", Problem(context, "If-Match is required."));
            }

            var limited = Problem(context, "Too many requests: wait as Retry-After says.");
            Header(limited, "Retry-After", "Seconds to wait.");
            operation.Responses.TryAdd("429", limited);
            var unavailable = Problem(context, "The database is unavailable: try again as Retry-After says.");
            Header(unavailable, "Retry-After", "Seconds to wait.");
            operation.Responses.TryAdd("503", unavailable);
        }

        private static OpenApiResponse Problem(OperationFilterContext context, string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
            },
        };

        private static void Header(OpenApiResponse response, string name, string description)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    /// <summary>Answers and bodies are JSON only: MVC's text/plain and text/json are never served to these operations.</summary>
    private sealed class ServedMediaTypesOperationFilter : IOperationFilter
    {
        private static readonly string[] NotServed = ["text/plain", "text/json", "application/*+json"];

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            {
                foreach (var type in NotServed)
                {
                    response.Content?.Remove(type);
                }
            }

            foreach (var type in NotServed)
            {
                operation.RequestBody?.Content?.Remove(type);
            }
        }
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
            // Writes: what needs a key, but GET /api/webhooks, which needs one to say whose subscriptions.
            var writes = method != "GET" && context.MethodInfo.GetCustomAttributes(true).OfType<AuthorizeAttribute>().Any();
            if (writes && method == "POST" && !path.EndsWith("/link", StringComparison.Ordinal))
            {
                Add(operation, WriteContext.IdempotencyKeyHeader, required: false, "A key of yours (such as a UUID): a retry with it replays the first answer instead of writing again.");
            }
            else if (writes && method is "PUT" or "DELETE" && path.StartsWith("api/readouts/", StringComparison.Ordinal))
            {
                Add(operation, "If-Match", required: true, "The readout's ETag from its GET, quoted: \"3\".");
            }
            else if (writes && method == "POST")
            {
                Add(operation, "If-Match", required: false, "The readout's ETag, to refuse the move (412) if it changed meanwhile.");
            }
            else if (method == "GET" && path is "api/readouts/{id}" or "api/calls/{id}" or "api/calls/{id}/comparison" or "feeds/calls.atom")
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
            if (context.MethodInfo.GetCustomAttributes(true).OfType<AuthorizeAttribute>().FirstOrDefault() is not { } authorize)
            {
                // Said outright, so that no tool reads a public read as needing the key.
                operation.Security = [];
            }
            else
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
                ];
                if (authorize.Policy is { } scope)
                {
                    // An apiKey scheme has no scopes in OpenAPI: the scope goes in words and in an extension.
                    operation.Description = $"{operation.Description}\n\nNeeds a key with the scope `{scope}` (403 otherwise).".TrimStart();
                    operation.Extensions ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiExtension>();
                    operation.Extensions["x-required-scope"] = new Microsoft.OpenApi.JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(scope));
                    operation.Responses ??= [];
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The key lacks the scope `{scope}`." });
                }
            }
        }
    }
}
