using Microsoft.AspNetCore.Mvc;

namespace Readouts.Api.Export;

/// <summary>Exports: the whole archive in one download, written as it is read.</summary>
[ApiController]
[Route("api/export")]
public sealed class ExportController(ExportService exports) : ControllerBase
{
    /// <summary>Every live readout, one JSON object a line, in the shape POST /api/readouts takes.</summary>
    /// <remarks>
    /// application/x-ndjson, oldest readout first: each line is the body of POST /api/readouts
    /// (source, leaders and speakers by slug, topics as the source labelled them) plus its id,
    /// callId and version, and posts back as it is, up to 1,000 lines at a time, through POST
    /// /api/readouts/batch: into a database with the same sources and leaders, the readouts link
    /// to the same calls. Deleted readouts are left out; a corrected one is at its current version.
    /// The download is a snapshot of one moment; a response cut short ends without its last chunk.
    /// </remarks>
    [HttpGet("readouts.ndjson", Name = "ExportReadouts")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, ReadoutLines.NdJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Readouts(CancellationToken ct) => await Streamed(exports.ReadoutsAsync(ct));

    /// <summary>Every call, one CSV row each: id, date, leaders, sources and the subjects every source has.</summary>
    /// <remarks>
    /// RFC 4180 with a header row (id, date, leaders, sources, shared_topics), newest call first,
    /// UTF-8 with a byte order mark for spreadsheets. A cell of several names joins them with "; ".
    /// A cell that starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe,
    /// so that no spreadsheet runs it as a formula.
    /// </remarks>
    [HttpGet("calls.csv", Name = "ExportCalls")]
    [ProducesResponseType<FileResult>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Calls(CancellationToken ct) => await Streamed(exports.CallsAsync(ct));

    /// <summary>The export answers the request; its connection goes with the response, whatever becomes of it.</summary>
    private async Task<IActionResult> Streamed(Task<ExportDownload> opening)
    {
        var export = await opening;
        Response.RegisterForDisposeAsync(export);
        return export;
    }
}
