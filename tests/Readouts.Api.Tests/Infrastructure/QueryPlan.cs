using System.Text;
using System.Text.Json;
using Npgsql;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>One node of a PostgreSQL plan: its type, the table and index it reads, its filter, its children.</summary>
public sealed record PlanNode(string NodeType, string? Relation, string? Index, string? Filter, IReadOnlyList<PlanNode> Children)
{
    public IEnumerable<PlanNode> SelfAndDescendants => Children.SelectMany(c => c.SelfAndDescendants).Prepend(this);

    public static PlanNode Of(JsonElement node) => new(
        node.GetProperty("Node Type").GetString()!,
        node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
        node.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
        node.TryGetProperty(nameof(Filter), out var filter) ? filter.GetString() : null,
        node.TryGetProperty("Plans", out var children) ? children.EnumerateArray().Select(Of).ToList() : []);

    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, 0);
        return text.ToString();
    }

    private void Append(StringBuilder text, int depth)
    {
        text.Append(' ', 2 * depth).Append(NodeType);
        if (Relation is not null)
        {
            text.Append(" on ").Append(Relation);
        }

        if (Index is not null)
        {
            text.Append(" using ").Append(Index);
        }

        if (Filter is not null)
        {
            text.Append("  [filter: ").Append(Filter.Length > 160 ? $"{Filter[..160]}…" : Filter).Append(']');
        }

        text.AppendLine();
        foreach (var child in Children)
        {
            child.Append(text, depth + 1);
        }
    }
}

/// <summary>A recorded statement and the plan PostgreSQL chooses for it with the same parameter values.</summary>
public sealed record ExplainedStatement(RecordedStatement Statement, PlanNode Plan)
{
    public IReadOnlyList<PlanNode> SequentialScansOf(IReadOnlySet<string> tables) =>
        Plan.SelfAndDescendants.Where(n => n.NodeType == "Seq Scan" && n.Relation is not null && tables.Contains(n.Relation)).ToList();

    /// <summary>Plans the statement without running it (EXPLAIN runs neither reads nor writes).</summary>
    public static async Task<ExplainedStatement> ExplainAsync(NpgsqlConnection connection, RecordedStatement statement)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {statement.Sql}", connection);
        command.Parameters.AddRange(statement.Parameters.Select(p => p.Clone()).ToArray());
        var json = (string)(await command.ExecuteScalarAsync())!;
        using var plan = JsonDocument.Parse(json);
        return new ExplainedStatement(statement, PlanNode.Of(plan.RootElement[0].GetProperty(nameof(Plan))));
    }

    /// <summary>Statements EXPLAIN can plan: queries and data changes, not transaction control or settings.</summary>
    public static bool IsExplainable(string sql) =>
        sql.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant()
            is "SELECT" or "WITH" or "INSERT" or "UPDATE" or "DELETE" or "VALUES" or "TABLE";
}
