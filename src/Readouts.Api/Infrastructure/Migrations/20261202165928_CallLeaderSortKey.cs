using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Gives each call_leaders row its call's sort key (CallLeader.SortKey: the date's day number
    /// times 2^40 plus the call's id) and indexes a leader's rows by it. Triggers keep the key
    /// right whoever writes: a row takes its call's key when it is inserted, and a call whose date
    /// moves passes the new key to its rows. Replaces the (leader_id, call_id) index, which served
    /// the leader filter and the foreign key; the new one starts with leader_id too.
    /// </summary>
    public partial class CallLeaderSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_call_leaders_leader_id_call_id",
                table: "call_leaders");

            migrationBuilder.Sql("""
                CREATE FUNCTION call_sort_key(date date, id bigint) RETURNS bigint
                    LANGUAGE sql IMMUTABLE PARALLEL SAFE
                    RETURN (date - DATE '0001-01-01')::bigint * 1099511627776 + id;

                CREATE FUNCTION call_leaders_take_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.sort_key := (SELECT call_sort_key(c.date, c.id) FROM calls c WHERE c.id = NEW.call_id);
                    RETURN NEW;
                END $$;

                CREATE FUNCTION calls_pass_sort_key_to_leaders() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE call_leaders SET sort_key = call_sort_key(NEW.date, NEW.id) WHERE call_id = NEW.id;
                    RETURN NULL;
                END $$;

                ALTER TABLE call_leaders ADD COLUMN sort_key bigint;
                UPDATE call_leaders l SET sort_key = call_sort_key(c.date, c.id) FROM calls c WHERE c.id = l.call_id;
                ALTER TABLE call_leaders ALTER COLUMN sort_key SET NOT NULL;

                CREATE TRIGGER take_sort_key BEFORE INSERT OR UPDATE OF call_id ON call_leaders
                    FOR EACH ROW EXECUTE FUNCTION call_leaders_take_sort_key();
                CREATE TRIGGER pass_sort_key_to_leaders AFTER UPDATE OF date ON calls
                    FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date) EXECUTE FUNCTION calls_pass_sort_key_to_leaders();
                """);

            migrationBuilder.CreateIndex(
                name: "ix_call_leaders_leader_id_sort_key",
                table: "call_leaders",
                columns: new[] { "leader_id", "sort_key" })
                .Annotation("Npgsql:IndexInclude", new[] { "call_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_call_leaders_leader_id_sort_key",
                table: "call_leaders");

            migrationBuilder.Sql("""
                DROP TRIGGER pass_sort_key_to_leaders ON calls;
                DROP TRIGGER take_sort_key ON call_leaders;
                ALTER TABLE call_leaders DROP COLUMN sort_key;
                DROP FUNCTION calls_pass_sort_key_to_leaders();
                DROP FUNCTION call_leaders_take_sort_key();
                DROP FUNCTION call_sort_key(date, bigint);
                """);

            migrationBuilder.CreateIndex(
                name: "ix_call_leaders_leader_id_call_id",
                table: "call_leaders",
                columns: new[] { "leader_id", "call_id" });
        }
    }
}
