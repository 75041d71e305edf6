using Npgsql;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// Connections outside the pool, for work that must not take a pooled connection: a listener holds
/// one for good, and the subject index is built while a request may hold the pool's last one (a
/// post in its transaction asks for the index). Named after their purpose, so that PostgreSQL's
/// pg_stat_activity tells them from the requests'.
/// </summary>
public static class OwnConnections
{
    public static NpgsqlConnection Open(IConfiguration configuration, string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Readouts")) { Pooling = false, KeepAlive = 30 };
        builder.ApplicationName = $"{builder.ApplicationName ?? "readouts"} ({purpose})";
        return new NpgsqlConnection(builder.ConnectionString);
    }
}
