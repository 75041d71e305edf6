using System.Data.Common;
using System.Reflection;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readouts.Api.Calls;
using Readouts.Api.Events;
using Readouts.Api.Export;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Samples;
using Readouts.Api.Sources;
using Readouts.Api.Topics;
using Readouts.Api.Webhooks;
using Serilog;

namespace Readouts.Api.Infrastructure;

/// <summary>Everything the host registers and runs, so Program.cs reads top to bottom.</summary>
public static class ApplicationExtensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddSerilog((provider, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext());

        var configured = builder.Configuration.GetConnectionString("Readouts")
            ?? throw new InvalidOperationException("Set the PostgreSQL connection string in ConnectionStrings__Readouts.");
        var connectionString = new NpgsqlConnectionStringBuilder(configured);
        var keywords = new DbConnectionStringBuilder { ConnectionString = configured };
        if (!keywords.ContainsKey("Maximum Pool Size") && !keywords.ContainsKey("MaxPoolSize"))
        {
            // Past about two busy connections a core, PostgreSQL's backends only take turns on the
            // CPU and every request in flight waits behind all the others. The requests beyond wait
            // in Npgsql's pool instead, first come first served: with 16 at once on 2 cores, a
            // leader's calls kept their req/s (-2%) and a call gained 16%, at a p99 of 21-25 ms
            // instead of 88-134 and 9 instead of 14-39. A PostgreSQL with more cores than the API's
            // machine deserves a Maximum Pool Size of its own in the connection string.
            connectionString.MaxPoolSize = 2 * Environment.ProcessorCount;
        }

        if (connectionString.MaxAutoPrepare == 0)
        {
            // The API runs a few dozen distinct statements over and over: prepared once per
            // connection, PostgreSQL stops parsing and planning them on every request.
            connectionString.MaxAutoPrepare = 64;
        }

        // Npgsql otherwise resets every connection it takes back, seven statements (RESET ALL,
        // UNLISTEN *, pg_advisory_unlock_all(), ...) run before the next request's: 30% of
        // PostgreSQL's CPU on a cached call's GET. Nothing here leaves state on a connection: its
        // locks are pg_advisory_xact_lock and its one setting SET LOCAL, both gone at commit.
        connectionString.NoResetOnClose = true;

        services.AddDbContextPool<ReadoutsDbContext>(options => options
            // One query per read: the readout projections load few topics and statements each.
            .UseNpgsql(connectionString.ConnectionString, npgsql => npgsql
                .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
                // Rides out a PostgreSQL restart of a few seconds. Writes are retried whole by
                // UnitOfWork; longer outages end in a 503 with Retry-After. Admin and crash
                // shutdowns and deadlocks are worth a retry too, though Npgsql does not call them transient.
                .EnableRetryOnFailure(4, TimeSpan.FromSeconds(2), [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.DeadlockDetected]))
            .UseSnakeCaseNamingConvention());

        services.AddScoped<LeaderResolver>();
        services.AddScoped<LeaderService>();
        services.AddScoped<SourceService>();
        services.AddSingleton<SourceDirectory>();
        services.AddScoped<TopicService>();
        services.AddSingleton<Lexicon>();
        services.AddSingleton<Subjects>();
        services.AddSingleton<SubjectTagger>();
        services.AddSingleton<RegistryUpgrade>();
        services.AddSingleton<SubjectRereader>();
        services.AddHostedService(provider => provider.GetRequiredService<SubjectRereader>());
        services.AddHostedService<RegistryListener>();
        services.AddScoped<CallLinker>();
        services.AddScoped<CallQueries>();
        services.AddScoped<CallActivity>();
        services.AddScoped<Feeds.CallFeed>();
        services.AddScoped<ReadoutService>();
        services.AddScoped<ReadoutResolver>();
        services.AddScoped<ReadoutImporter>();
        services.AddSingleton<ReadoutGroupCommit>();
        services.AddScoped<ReadoutReader>();
        services.AddScoped<UnitOfWork>();
        services.AddScoped<ExportService>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RegistryNames>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<IdempotencyCleanup>();
        services.AddScoped<EventLog>();
        services.AddSingleton<EventSignal>();
        services.AddScoped<WebhookService>();
        services.AddSingleton<WebhookSender>();
        services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<IdempotencyCleanup>());

        services.AddControllers()
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.Converters.Add(new NoNulStringConverter());
                // As ApiJson writes stored answers, so a replay matches the original byte for byte.
                options.JsonSerializerOptions.Encoder = ApiJson.Options.Encoder;
            });
        services.Configure<ApiBehaviorOptions>(options => options.InvalidModelStateResponseFactory = InvalidRequestResponse.Create);
        services.Configure<MvcOptions>(options =>
        {
            // Validators, not [Required] inferred from nullability, say what a request must have.
            options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            options.ModelMetadataDetailsProviders.Add(new ValidatorPlacement());
        });
        // The validators hold every rule: no model carries data annotations, so MVC's pass over them is skipped.
        services.AddFluentValidationAutoValidation(options => options.DisableDataAnnotationsValidation = true);
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        // One message per field: once "leaders" is missing, its other rules have nothing to say.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(member.Name);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiScopes.AddPolicies);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeProblemResultHandler>();
        services.AddRateLimits(builder.Configuration);
        services.AddConfiguredCors(builder.Configuration);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });

        // Pages for people (src/Readouts.Api/Pages), on the services the API uses.
        services.AddRazorPages();
        // Texts in any script are written as they are, not as numeric references: a Russian
        // readout's page is half the bytes. HTML's own characters (< > & " ') are still escaped.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(SwaggerSetup.Configure);
    }

    public static void UseApplicationPipeline(this WebApplication app)
    {
        // A malformed key in configuration stops the start, rather than failing every request.
        app.Services.GetRequiredService<ApiKeyRing>();

        app.UseSecurityHeaders();
        // One line per request, naming the API key that wrote (its name, never the key). Outside
        // the exception handler, so the line gives the status the client got (a 503, not a 500).
        app.UseSerilogRequestLogging(options => options.EnrichDiagnosticContext = (diagnostics, http) =>
            diagnostics.Set("KeyName", http.User.Identity?.Name));
        app.UseExceptionHandler();
        // An error status without a body: problem details for the API, a page for a browser's address.
        app.UseWhen(http => !IsPage(http.Request), api => api.UseStatusCodePages());
        app.UseWhen(http => IsPage(http.Request), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        // Routing after them, so that the error page a status re-executes is routed to.
        app.UseRouting();
        app.UseRequestBodyLimit();
        app.UseNulCharacterGuard();

        // The server a client reached the document on is the one it should call.
        app.UseSwagger(options => options.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = $"{request.Scheme}://{request.Host}{request.PathBase}" }]));
        app.UseSwaggerUI(options => options.DocumentTitle = "Readouts API");

        if (SecurityHeaders.AllowedOrigins(app.Configuration).Length > 0)
        {
            app.UseCors(SecurityHeaders.CorsPolicy);
        }

        app.UseAuthentication();
        if (RateLimits.IsEnabled(app.Configuration))
        {
            // After authentication, so that writes are counted per API key.
            app.UseRateLimiter();
        }

        app.UseAuthorization();

        // After the rate limiter: the stylesheet is a read like any other.
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapControllers();
    }

    /// <summary>Whatever is not the API, its documents, feeds or health: the pages, their stylesheet, unknown addresses.</summary>
    public static bool IsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/swagger") && !request.Path.StartsWithSegments("/health")
        && !request.Path.StartsWithSegments("/feeds");

    /// <summary>Applies migrations (Database:MigrateOnStartup, default true) and loads the samples (Samples:Load).</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>().Database.MigrateAsync();
        }

        if (app.Configuration.GetValue("Samples:Load", false))
        {
            await SampleLoader.LoadAsync(app.Services, CancellationToken.None);
        }
    }

    internal static string XmlDocumentationPath => Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
}
