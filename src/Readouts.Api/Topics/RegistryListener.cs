using Npgsql;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Topics;

/// <summary>
/// Hears, on a PostgreSQL connection of its own, what other API instances (and this one) announce
/// when they commit: a registry change (<see cref="TopicService.RegistryChannel"/>), after which
/// the subject index is built again, and readouts to read again (<see cref="TopicService.RereadChannel"/>).
/// Notifications sent while the connection was down are lost, so after a reconnection the index
/// is rebuilt and the rereader woken anyway.
/// </summary>
public sealed class RegistryListener(IConfiguration configuration, Subjects subjects, SubjectRereader rereader, ILogger<RegistryListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Outside the pool: a connection held for good would leave the requests one fewer.
                await using var connection = OwnConnections.Open(configuration, "registry listener");
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == TopicService.RegistryChannel)
                    {
                        subjects.Invalidate();
                    }
                    else
                    {
                        rereader.Wake();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {TopicService.RegistryChannel}; LISTEN {TopicService.RereadChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                subjects.Invalidate();
                rereader.Wake();
                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("Listening for registry changes failed ({Error}); trying again in {Delay} s", e.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
    }
}
