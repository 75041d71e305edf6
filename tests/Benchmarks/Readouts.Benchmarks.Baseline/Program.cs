using Npgsql;
using Readouts.Benchmarks.Baseline;

// The ceiling the API is measured against: the same two reads and the same bytes, written by hand
// over Npgsql, with nothing between Kestrel and the database but routing.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// As the API: no Server header, so both answers carry the same headers for the body.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var connectionString = builder.Configuration.GetConnectionString("Readouts")
    ?? throw new InvalidOperationException("Set the PostgreSQL connection string in ConnectionStrings__Readouts.");
// As the API: no reset of each connection the pool takes back, which would cost a third of
// PostgreSQL's work on a cached read (these reads leave no state on a connection), and two
// connections a core, past which PostgreSQL's backends only take turns on the CPU.
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
{
    NoResetOnClose = true,
    MaxPoolSize = 2 * Environment.ProcessorCount,
}));
builder.Services.AddSingleton<CallReads>();

var app = builder.Build();
app.MapGet("/api/calls", (HttpContext http, CallReads calls) => calls.ListAsync(http));
app.MapGet("/api/calls/{id:long}", (HttpContext http, long id, CallReads calls) => calls.GetAsync(http, id));
app.Run();
