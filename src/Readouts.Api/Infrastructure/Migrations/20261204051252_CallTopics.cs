using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Each subject's calls as a list in newest-first order, as call_leaders is each leader's: a page of
    /// GET /api/calls?topic= is then one index range, however common or rare the subject. Walking the
    /// calls' (date, id) index filtered a few thousand calls for a subject in 0.4% of them, and GIN's
    /// matches had to be fetched and sorted (180 ms for one in 1,918 calls, read from disk).
    /// The list is kept by triggers on calls from calls.topic_ids, so that every write path (posts,
    /// batches, corrections, relinks, merges, the subjects read again) keeps it without knowing of it.
    /// No foreign keys, no entity: nothing but the topic filter reads it, and it is rebuilt from calls.
    /// </summary>
    public partial class CallTopics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE call_topics (
                    topic_id integer NOT NULL,
                    sort_key bigint NOT NULL,
                    call_id bigint NOT NULL,
                    CONSTRAINT pk_call_topics PRIMARY KEY (topic_id, sort_key) INCLUDE (call_id)
                );

                INSERT INTO call_topics (topic_id, sort_key, call_id)
                SELECT t, call_sort_key(c.date, c.id), c.id FROM calls c, unnest(c.topic_ids) AS t;

                CREATE FUNCTION calls_list_topics_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO call_topics (topic_id, sort_key, call_id)
                    SELECT t, call_sort_key(n.date, n.id), n.id FROM new_rows n, unnest(n.topic_ids) AS t;
                    RETURN NULL;
                END $$;

                -- Only what changed: a side joining a call adds its new subjects, a date moving moves them all.
                CREATE FUNCTION calls_list_topics_updated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM call_topics l USING (
                        SELECT t, call_sort_key(o.date, o.id) AS k FROM old_rows o, unnest(o.topic_ids) AS t
                        EXCEPT
                        SELECT t, call_sort_key(n.date, n.id) FROM new_rows n, unnest(n.topic_ids) AS t) g
                    WHERE l.topic_id = g.t AND l.sort_key = g.k;
                    INSERT INTO call_topics (topic_id, sort_key, call_id)
                    SELECT t, call_sort_key(n.date, n.id), n.id FROM new_rows n, unnest(n.topic_ids) AS t
                    EXCEPT
                    SELECT t, call_sort_key(o.date, o.id), o.id FROM old_rows o, unnest(o.topic_ids) AS t;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION calls_list_topics_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM call_topics l USING (
                        SELECT t, call_sort_key(o.date, o.id) AS k FROM old_rows o, unnest(o.topic_ids) AS t) g
                    WHERE l.topic_id = g.t AND l.sort_key = g.k;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER list_topics_inserted AFTER INSERT ON calls REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_list_topics_inserted();
                CREATE TRIGGER list_topics_updated AFTER UPDATE ON calls REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_list_topics_updated();
                CREATE TRIGGER list_topics_deleted AFTER DELETE ON calls REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION calls_list_topics_deleted();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER list_topics_inserted ON calls;
                DROP TRIGGER list_topics_updated ON calls;
                DROP TRIGGER list_topics_deleted ON calls;
                DROP FUNCTION calls_list_topics_inserted();
                DROP FUNCTION calls_list_topics_updated();
                DROP FUNCTION calls_list_topics_deleted();
                DROP TABLE call_topics;
                """);
        }
    }
}
