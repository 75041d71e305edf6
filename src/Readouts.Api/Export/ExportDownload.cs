using System.IO.Pipelines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Readouts.Api.Export;

/// <summary>How an export writes its rows: a header first, then one row at a time.</summary>
public interface IExportRows
{
    string ContentType { get; }

    void WriteHeader(PipeWriter output);

    /// <summary>Writes the row and says how many bytes it took.</summary>
    long Write(NpgsqlDataReader row, PipeWriter output);
}

/// <summary>
/// An export whose statement has started: its rows are written to the response as they are read,
/// in memory only the row at hand and what awaits the socket (flushed every
/// <see cref="FlushBytes"/>, and no faster than the client reads). A client that leaves cancels
/// the statement in PostgreSQL rather than reading it to its end.
/// </summary>
public sealed class ExportDownload(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, IExportRows rows, string fileName, IDisposable slot)
    : IActionResult, IAsyncDisposable
{
    /// <summary>A few socket writes' worth: larger chunks cost memory, smaller ones system calls.</summary>
    public const int FlushBytes = 64 * 1024;

    private bool finished;

    public string FileName => fileName;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var ct = context.HttpContext.RequestAborted;
        response.ContentType = rows.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        // A snapshot of the moment it was asked for: nothing to keep or revalidate.
        response.Headers.CacheControl = "no-store";

        var output = response.BodyWriter;
        rows.WriteHeader(output);
        var unflushed = 0L;
        while (await reader.ReadAsync(ct))
        {
            unflushed += rows.Write(reader, output);
            if (unflushed >= FlushBytes)
            {
                unflushed = 0;
                if ((await output.FlushAsync(ct)).IsCompleted)
                {
                    return;
                }
            }
        }

        finished = true;
        await output.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!finished)
            {
                // Disposing a reader mid-result reads the rest of it: stop the statement first.
                command.Cancel();
            }

            await reader.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            // The statement was cancelled or its connection lost: there is nothing left to finish.
        }
        finally
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
            (rows as IDisposable)?.Dispose();
            slot.Dispose();
        }
    }
}
