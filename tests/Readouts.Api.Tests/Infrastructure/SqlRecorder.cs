using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>One SQL statement the application sent, with copies of its parameters and the request that caused it.</summary>
public sealed record RecordedStatement(string Request, string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Records every statement the application sends to PostgreSQL while <see cref="Request"/> is set.
/// It hooks Npgsql rather than EF Core, because EF Core's command interceptors do not see the
/// NpgsqlBatch the importer sends on EF's connection. Npgsql consults its tracing filters only
/// while its ActivitySource has a listener, so this listens (and samples nothing).
/// </summary>
public sealed class SqlRecorder : IDisposable
{
    private readonly ConcurrentQueue<RecordedStatement> statements = new();
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
    };

    public SqlRecorder() => ActivitySource.AddActivityListener(listener);

    /// <summary>What the application is doing (e.g. "GET /api/calls?leader=…"); null records nothing.</summary>
    public string? Request { get; set; }

    public IReadOnlyList<RecordedStatement> Statements => [.. statements];

    /// <summary>For the application's Npgsql data source: UseNpgsql(o => o.ConfigureDataSource(recorder.Configure)).</summary>
    public void Configure(NpgsqlDataSourceBuilder dataSource) => dataSource.ConfigureTracing(tracing => tracing
        .ConfigureCommandFilter(command =>
        {
            Record(command.CommandText, command.Parameters);
            return false;
        })
        .ConfigureBatchFilter(batch =>
        {
            foreach (NpgsqlBatchCommand command in batch.BatchCommands)
            {
                Record(command.CommandText, command.Parameters);
            }

            return false;
        }));

    private void Record(string commandText, NpgsqlParameterCollection parameters)
    {
        if (Request is not { } request)
        {
            return;
        }

        var copies = parameters.Select(p => p.Clone()).ToList();
        // EF Core sends several statements as one command text (SaveChanges); each is planned apart.
        foreach (var sql in SplitStatements(commandText))
        {
            statements.Enqueue(new RecordedStatement(request, sql, copies));
        }
    }

    /// <summary>Splits at semicolons outside quoted literals and identifiers.</summary>
    public static IEnumerable<string> SplitStatements(string commandText)
    {
        var start = 0;
        char? quote = null;
        for (var i = 0; i < commandText.Length; i++)
        {
            var c = commandText[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ';')
            {
                if (commandText[start..i].Trim() is { Length: > 0 } statement)
                {
                    yield return statement;
                }

                start = i + 1;
            }
        }

        if (commandText[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    public void Dispose() => listener.Dispose();
}
