using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// The change feed (Events/EventLog): the queue writes record their events in, the events table
    /// they are moved to, numbered after commit from the sequence event_ids, and the triggers that
    /// record every change to readouts and calls in the statement that makes it, whichever code
    /// path writes: nothing happens without its event. The queue is written and read only by SQL
    /// (the triggers, EventLog), so it has no entity. Statement
    /// triggers with transition tables, so that a batch of a thousand readouts records its events
    /// in one INSERT. Databases upgraded to this start their feed here; earlier changes have none.
    /// Webhooks and their deliveries, driven from the feed.
    /// </summary>
    public partial class ChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    readout_id = table.Column<long>(type: "bigint", nullable: true),
                    call_id = table.Column<long>(type: "bigint", nullable: true),
                    previous_call_id = table.Column<long>(type: "bigint", nullable: true),
                    source_id = table.Column<int>(type: "integer", nullable: true),
                    leader_ids = table.Column<int[]>(type: "integer[]", nullable: false, defaultValueSql: "'{}'"),
                    version = table.Column<int>(type: "integer", nullable: true),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    names = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhooks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    event_types = table.Column<string[]>(type: "text[]", nullable: false),
                    leader_ids = table.Column<int[]>(type: "integer[]", nullable: false),
                    secret = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_event_id = table.Column<long>(type: "bigint", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    failing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disabled_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    lease_owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhooks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    webhook_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    event_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_ms = table.Column<int>(type: "integer", nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    succeeded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_webhooks_webhook_id",
                        column: x => x.webhook_id,
                        principalTable: "webhooks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_call_id_id",
                table: "events",
                columns: new[] { "call_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_events_leader_ids",
                table: "events",
                column: "leader_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_events_previous_call_id",
                table: "events",
                column: "previous_call_id",
                filter: "previous_call_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_events_type_id",
                table: "events",
                columns: new[] { "type", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_attempted_at",
                table: "webhook_deliveries",
                column: "attempted_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_webhook_id_id",
                table: "webhook_deliveries",
                columns: new[] { "webhook_id", "id" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_webhooks_owner_id",
                table: "webhooks",
                columns: new[] { "owner", "id" });

            migrationBuilder.Sql("""
                CREATE SEQUENCE event_ids AS bigint;

                -- Events as written, before they are numbered: columns as in events, seq for the
                -- order they were written in.
                CREATE TABLE event_queue (
                    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    type character varying(40) NOT NULL,
                    occurred_at timestamp with time zone NOT NULL DEFAULT now(),
                    readout_id bigint,
                    call_id bigint,
                    previous_call_id bigint,
                    source_id integer,
                    leader_ids integer[] NOT NULL DEFAULT '{}',
                    version integer,
                    subject character varying(200),
                    names text[] NOT NULL DEFAULT '{}');

                -- A readout's source joins its call when no readout of that source told the call
                -- before this statement and another source's readout tells it (before, or in the
                -- same statement: both sides posted at once are news too).
                CREATE FUNCTION record_sources_added(arrived bigint[]) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO event_queue (type, readout_id, call_id, source_id, leader_ids)
                    SELECT 'call.source-added', min(a.id), a.call_id, a.source_id, c.leader_ids
                    FROM readouts a JOIN calls c ON c.id = a.call_id
                    WHERE a.id = ANY(arrived)
                        AND NOT EXISTS (SELECT 1 FROM readouts r WHERE r.call_id = a.call_id AND r.source_id = a.source_id AND r.id <> ALL(arrived))
                        AND EXISTS (SELECT 1 FROM readouts r WHERE r.call_id = a.call_id AND r.source_id <> a.source_id)
                    GROUP BY a.call_id, a.source_id, c.leader_ids
                    ORDER BY min(a.id);
                $$;

                CREATE FUNCTION readouts_record_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO event_queue (type, readout_id, call_id, source_id, leader_ids, version)
                    SELECT 'readout.created', n.id, n.call_id, n.source_id, c.leader_ids, n.version
                    FROM new_rows n JOIN calls c ON c.id = n.call_id
                    ORDER BY n.id;
                    PERFORM record_sources_added(ARRAY(SELECT id FROM new_rows WHERE call_id IS NOT NULL));
                    RETURN NULL;
                END $$;

                -- Only versioned changes are events: a correction, a relink, a deletion. A
                -- correction that moves the readout to another call is a relink too.
                CREATE FUNCTION readouts_record_updates() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO event_queue (type, readout_id, call_id, previous_call_id, source_id, leader_ids, version)
                    SELECT t.type, n.id, n.call_id, CASE WHEN o.call_id IS DISTINCT FROM n.call_id THEN o.call_id END,
                        n.source_id, COALESCE(c.leader_ids, oc.leader_ids, '{}'), n.version
                    FROM new_rows n
                    JOIN old_rows o ON o.id = n.id
                    LEFT JOIN calls c ON c.id = n.call_id
                    LEFT JOIN calls oc ON oc.id = o.call_id
                    CROSS JOIN LATERAL (
                        SELECT CASE n.change WHEN 'deleted' THEN 'readout.deleted' WHEN 'relinked' THEN 'readout.relinked' ELSE 'readout.corrected' END AS type, 0 AS k
                        UNION ALL
                        SELECT 'readout.relinked', 1 WHERE n.change = 'corrected' AND n.call_id IS NOT NULL AND o.call_id IS DISTINCT FROM n.call_id) AS t
                    WHERE n.version <> o.version
                    ORDER BY n.id, t.k;
                    PERFORM record_sources_added(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE n.call_id IS NOT NULL AND n.call_id IS DISTINCT FROM o.call_id));
                    RETURN NULL;
                END $$;

                CREATE FUNCTION calls_record_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO event_queue (type, call_id, leader_ids) SELECT 'call.created', id, leader_ids FROM new_rows ORDER BY id;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION calls_record_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO event_queue (type, call_id, leader_ids) SELECT 'call.removed', id, leader_ids FROM old_rows ORDER BY id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER readouts_record_inserts AFTER INSERT ON readouts
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION readouts_record_inserts();
                CREATE TRIGGER readouts_record_updates AFTER UPDATE ON readouts
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION readouts_record_updates();
                CREATE TRIGGER calls_record_inserts AFTER INSERT ON calls
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION calls_record_inserts();
                CREATE TRIGGER calls_record_deletes AFTER DELETE ON calls
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION calls_record_deletes();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER calls_record_deletes ON calls;
                DROP TRIGGER calls_record_inserts ON calls;
                DROP TRIGGER readouts_record_updates ON readouts;
                DROP TRIGGER readouts_record_inserts ON readouts;
                DROP FUNCTION calls_record_deletes();
                DROP FUNCTION calls_record_inserts();
                DROP FUNCTION readouts_record_updates();
                DROP FUNCTION readouts_record_inserts();
                DROP FUNCTION record_sources_added(bigint[]);
                DROP TABLE event_queue;
                DROP SEQUENCE event_ids;
                """);

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "webhooks");
        }
    }
}
