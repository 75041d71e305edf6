using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Readouts.Api.Infrastructure;
using Serilog;
using Serilog.Debugging;
using Serilog.Formatting.Compact;

namespace Readouts.Api.Tests.Logging;

/// <summary>The sink that writes the API's log lines to standard output.</summary>
public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public void Every_event_becomes_one_json_line_in_order_and_many_lines_share_a_write()
    {
        var output = new WriteCountingStream();
        using (var logger = new LoggerConfiguration()
            .WriteTo.Sink(new BatchedConsoleSink(new CompactJsonFormatter(), output), BatchedConsoleSink.Batching)
            .CreateLogger())
        {
            for (var i = 0; i < 1000; i++)
            {
                logger.Information("Request {Number} answered", i);
            }
        }

        // Disposing the logger drains the queue: no line is lost at shutdown.
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var numbers = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Number").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, 1000), numbers);
        Assert.True(output.Writes <= 20, $"1,000 lines took {output.Writes} writes to the output; batched, they take a few.");
    }

    [Fact]
    public void The_apis_configuration_names_the_sink_so_that_serilog_finds_it()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .Build();
        Assert.Equal("BatchedConsole", configuration["Serilog:WriteTo:0:Name"]);

        var problems = new List<string>();
        SelfLog.Enable(message =>
        {
            lock (problems)
            {
                problems.Add(message);
            }
        });
        try
        {
            using var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
        }
        finally
        {
            SelfLog.Disable();
        }

        Assert.True(
            !problems.Any(p => p.Contains("BatchedConsole", StringComparison.Ordinal)),
            $"Serilog could not set up the sink from appsettings.json: {string.Join(" | ", problems)}");
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Writes++;
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }
}
