using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CallFacets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_readouts_search_vector",
                table: "readouts");

            migrationBuilder.DropIndex(
                name: "ix_readouts_source_id_call_date",
                table: "readouts");

            migrationBuilder.AddColumn<int[]>(
                name: "leader_ids",
                table: "calls",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "calls",
                type: "tsvector",
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "source_ids",
                table: "calls",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "topic_ids",
                table: "calls",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            // PostgreSQL has no aggregate that joins tsvectors; a call's vector is its readouts' joined.
            migrationBuilder.Sql("CREATE AGGREGATE tsvector_agg (tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')");
            migrationBuilder.Sql("""
                UPDATE calls c SET
                    leader_ids = coalesce((SELECT array_agg(l.leader_id ORDER BY l.leader_id) FROM call_leaders l WHERE l.call_id = c.id), '{}'),
                    topic_ids = coalesce((SELECT array_agg(DISTINCT t.topic_id) FROM readouts r JOIN readout_topics t ON t.readout_id = r.id WHERE r.call_id = c.id), '{}'),
                    source_ids = coalesce((SELECT array_agg(DISTINCT r.source_id) FROM readouts r WHERE r.call_id = c.id), '{}'),
                    search_vector = (SELECT tsvector_agg(r.search_vector) FROM readouts r WHERE r.call_id = c.id)
                """);

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_call_date_id",
                table: "readouts",
                columns: new[] { "source_id", "call_date", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_calls_leader_ids",
                table: "calls",
                column: "leader_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_calls_search_vector",
                table: "calls",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_calls_source_ids",
                table: "calls",
                column: "source_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_calls_topic_ids",
                table: "calls",
                column: "topic_ids")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_readouts_source_id_call_date_id",
                table: "readouts");

            migrationBuilder.DropIndex(
                name: "ix_calls_leader_ids",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "ix_calls_search_vector",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "ix_calls_source_ids",
                table: "calls");

            migrationBuilder.DropIndex(
                name: "ix_calls_topic_ids",
                table: "calls");

            migrationBuilder.Sql("DROP AGGREGATE tsvector_agg (tsvector)");

            migrationBuilder.DropColumn(
                name: "leader_ids",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "source_ids",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "topic_ids",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "ix_readouts_search_vector",
                table: "readouts",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_call_date",
                table: "readouts",
                columns: new[] { "source_id", "call_date" });
        }
    }
}
