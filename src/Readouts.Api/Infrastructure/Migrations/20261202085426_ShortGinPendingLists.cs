using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Caps the pending lists of the calls' GIN indexes at 256 kB (PostgreSQL's default is 4 MB).
    /// New entries wait in the pending list until it is full or the table is vacuumed, and every read
    /// through the index scans all of them: with 1.3 MB pending, a rare leader's page took 3.6 times
    /// as long. ALTER INDEX changes the setting in place; EF would drop and rebuild the indexes.
    /// </summary>
    public partial class ShortGinPendingLists : Migration
    {
        private static readonly string[] Indexes = ["ix_calls_leader_ids", "ix_calls_search_vector", "ix_calls_source_ids", "ix_calls_topic_ids"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var index in Indexes)
            {
                migrationBuilder.Sql($"ALTER INDEX {index} SET (gin_pending_list_limit = 256);");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in Indexes)
            {
                migrationBuilder.Sql($"ALTER INDEX {index} RESET (gin_pending_list_limit);");
            }
        }
    }
}
