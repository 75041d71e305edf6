namespace Readouts.Api.Topics;

/// <summary>A subject a readout says was discussed. Created on first use; its slug is its identity.</summary>
public class Topic
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }
}
