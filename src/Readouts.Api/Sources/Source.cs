namespace Readouts.Api.Sources;

/// <summary>A body that publishes readouts: a presidency, a government press office, a ministry.</summary>
public class Source
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }

    public required string Url { get; set; }
}
