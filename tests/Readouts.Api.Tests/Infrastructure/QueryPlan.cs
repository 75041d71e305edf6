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

/// <summary>
/// A recorded statement and the plan PostgreSQL chooses for it with the same parameter values:
/// planned afresh, or, once prepared, from its sixth execution on (<see cref="Prepared"/>).
/// </summary>
public sealed record ExplainedStatement(RecordedStatement Statement, PlanNode Plan, bool Prepared = false)
{
    public IReadOnlyList<PlanNode> SequentialScansOf(IReadOnlySet<string> tables) =>
        Plan.SelfAndDescendants.Where(n => n.NodeType == "Seq Scan" && n.Relation is not null && tables.Contains(n.Relation)).ToList();

    /// <summary>Plans the statement without running it (EXPLAIN runs neither reads nor writes).</summary>
    public static async Task<ExplainedStatement> ExplainAsync(NpgsqlConnection connection, RecordedStatement statement)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {statement.Sql}", connection);
        command.Parameters.AddRange(statement.Parameters.Select(p => p.Clone()).ToArray());
        return new ExplainedStatement(statement, await PlanOfAsync(command));
    }

    /// <summary>
    /// The plans of a prepared statement (the API prepares the statements it sends often) from its
    /// sixth execution on, when PostgreSQL may switch to one generic plan for any values: it does
    /// when that plan is estimated no dearer than the custom plans so far. The statement is
    /// prepared and explained five times with the recorded values, then once more with each.
    /// </summary>
    public static async Task<IReadOnlyList<ExplainedStatement>> ExplainPreparedAsync(NpgsqlConnection connection, IReadOnlyList<RecordedStatement> executions)
    {
        var arguments = new List<List<(string Type, string Literal)>>();
        foreach (var execution in executions)
        {
            var typed = new List<(string Type, string Literal)>();
            foreach (var parameter in execution.Parameters)
            {
                // The value as the typed literal PostgreSQL reads back to the same value.
                await using var literal = new NpgsqlCommand("SELECT pg_typeof($1)::text, quote_nullable($1::text)", connection);
                literal.Parameters.Add(parameter.Clone());
                literal.Parameters[0].ParameterName = "";
                await using var reader = await literal.ExecuteReaderAsync();
                await reader.ReadAsync();
                typed.Add((reader.GetString(0), $"{reader.GetString(1)}::{reader.GetString(0)}"));
            }

            arguments.Add(typed);
        }

        var types = arguments[0].Select(a => a.Type).ToList();
        var calls = arguments.Select(a => a.Count == 0 ? "" : $"({string.Join(", ", a.Select(x => x.Literal))})").ToList();
        await Execute(connection, $"PREPARE plan_check{(types.Count == 0 ? "" : $"({string.Join(", ", types)})")} AS {Positional(executions[0])}");
        try
        {
            for (var i = 0; i < 5; i++)
            {
                await Execute(connection, $"EXPLAIN EXECUTE plan_check{calls[i % calls.Count]}");
            }

            var explained = new List<ExplainedStatement>();
            foreach (var (execution, call) in executions.Zip(calls))
            {
                await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) EXECUTE plan_check{call}", connection);
                explained.Add(new ExplainedStatement(execution, await PlanOfAsync(explain), Prepared: true));
            }

            return explained;
        }
        finally
        {
            await Execute(connection, "DEALLOCATE plan_check");
        }
    }

    private static async Task<PlanNode> PlanOfAsync(NpgsqlCommand explain)
    {
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        return PlanNode.Of(plan.RootElement[0].GetProperty(nameof(Plan)));
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The SQL with EF Core's named parameters (@name) as PostgreSQL's $1, $2…, in the order they were recorded.</summary>
    private static string Positional(RecordedStatement statement)
    {
        var positions = statement.Parameters
            .Select((p, i) => (Name: p.ParameterName.TrimStart('@', ':'), Position: i + 1))
            .Where(p => p.Name.Length > 0)
            .ToDictionary(p => p.Name, p => p.Position);
        return positions.Count == 0
            ? statement.Sql
            : System.Text.RegularExpressions.Regex.Replace(statement.Sql, "@([A-Za-z_][A-Za-z0-9_]*)", match =>
                positions.TryGetValue(match.Groups[1].Value, out var position) ? $"${position}" : match.Value);
    }

    /// <summary>Statements EXPLAIN can plan: queries and data changes, not transaction control or settings.</summary>
    public static bool IsExplainable(string sql) =>
        sql.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant()
            is "SELECT" or "WITH" or "INSERT" or "UPDATE" or "DELETE" or "VALUES" or "TABLE";
}
