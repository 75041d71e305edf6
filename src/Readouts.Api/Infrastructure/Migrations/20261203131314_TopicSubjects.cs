using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using Readouts.Api.Infrastructure.Migrations.Registry;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Topics become subjects: a kind, a Wikidata id, names in any language (topic_names) and the
    /// slugs of merged topics (topic_redirects); a readout's topics hold the labels that gave them
    /// and the words found in its text. Loads the registry of subjects (Registry/countries.json,
    /// generated from CLDR, and Registry/subjects.json, curated) and the leaders' Wikidata ids and
    /// names in Chinese, Japanese, Korean and Arabic (Registry/LeaderIdentities.cs). Readouts stored
    /// before are marked to have their subjects read again (SubjectRereader); the labels they had
    /// are kept as those of their topics, which RegistryUpgrade resolves at the next start.
    /// </summary>
    public partial class TopicSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gist", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "country",
                table: "topics",
                type: "character(2)",
                fixedLength: true,
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "topics",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "other");

            migrationBuilder.AddColumn<string>(
                name: "wikidata",
                table: "topics",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // True for every readout stored so far, false for those to come: no table rewrite (a constant default).
            migrationBuilder.Sql("ALTER TABLE readouts ADD COLUMN subjects_stale boolean NOT NULL DEFAULT true;");
            migrationBuilder.Sql("ALTER TABLE readouts ALTER COLUMN subjects_stale SET DEFAULT false;");

            migrationBuilder.AddColumn<string[]>(
                name: "labels",
                table: "readout_topics",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "mentions",
                table: "readout_topics",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "wikidata",
                table: "leaders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "topic_names",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    latin_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    languages = table.Column<string[]>(type: "text[]", nullable: false),
                    cased = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_names", x => x.id);
                    table.ForeignKey(
                        name: "fk_topic_names_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "topic_redirects",
                columns: table => new
                {
                    slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topic_redirects", x => x.slug);
                    table.ForeignKey(
                        name: "fk_topic_redirects_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_topics_country",
                table: "topics",
                column: "country",
                unique: true,
                filter: "country IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_topics_wikidata",
                table: "topics",
                column: "wikidata",
                unique: true,
                filter: "wikidata IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_readouts_subjects_stale",
                table: "readouts",
                column: "id",
                filter: "subjects_stale");

            migrationBuilder.CreateIndex(
                name: "ix_topic_names_key",
                table: "topic_names",
                column: "key");

            migrationBuilder.CreateIndex(
                name: "ix_topic_names_key_trgm",
                table: "topic_names",
                column: "key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_topic_names_latin_key_trgm",
                table: "topic_names",
                column: "latin_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_topic_names_text",
                table: "topic_names",
                column: "text",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_topic_names_topic_id",
                table: "topic_names",
                column: "topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_topic_redirects_topic_id",
                table: "topic_redirects",
                column: "topic_id");

            // What a name folds to belongs to one topic, whichever its spellings.
            migrationBuilder.Sql("ALTER TABLE topic_names ADD CONSTRAINT ex_topic_names_key_one_topic EXCLUDE USING gist (key WITH =, topic_id WITH <>);");

            // The labels readouts gave, as far as they are known: the topic each one made.
            migrationBuilder.Sql("UPDATE readout_topics rt SET labels = ARRAY[t.name] FROM topics t WHERE t.id = rt.topic_id;");

            // A topic a readout made earlier with a subject's slug (a label "Ukraine") becomes that subject, keeping its readouts.
            var subjects = SubjectRegistry.Subjects;
            migrationBuilder.Sql($"""
                INSERT INTO topics (slug, name, kind, wikidata, country)
                SELECT slug, name, kind, wikidata, country FROM jsonb_to_recordset({Json(subjects.Select(s => new { s.Slug, s.Name, s.Kind, s.Wikidata, s.Country }))})
                    AS x(slug text, name text, kind text, wikidata text, country text)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, wikidata = EXCLUDED.wikidata, country = EXCLUDED.country;
                """);
            var names = subjects.SelectMany(s => s.Names.Select(n => new
            {
                s.Slug,
                n.Text,
                Key = NameKey.Fold(n.Text),
                LatinKey = NameKey.Latin(n.Text),
                n.Languages,
                n.Cased,
            }));
            migrationBuilder.Sql($"""
                INSERT INTO topic_names (topic_id, text, key, latin_key, languages, cased)
                SELECT t.id, x.text, x.key, x.latin_key, x.languages, x.cased
                FROM jsonb_to_recordset({Json(names)}) AS x(slug text, text text, key text, latin_key text, languages text[], cased boolean)
                JOIN topics t ON t.slug = x.slug;
                """);

            migrationBuilder.Sql($"""
                UPDATE leaders l SET wikidata = x.wikidata
                FROM jsonb_to_recordset({Json(LeaderIdentities.Leaders.Where(l => l.Wikidata is not null).Select(l => new { l.Slug, l.Wikidata }))}) AS x(slug text, wikidata text)
                WHERE l.slug = x.slug;
                """);
            migrationBuilder.Sql($"""
                INSERT INTO leader_names (leader_id, text, key, latin_key)
                SELECT l.id, x.text, x.key, x.latin_key
                FROM jsonb_to_recordset({Json(LeaderAliases())}) AS x(slug text, text text, key text, latin_key text)
                JOIN leaders l ON l.slug = x.slug
                ON CONFLICT (key) DO NOTHING;
                """);
        }

        private static IEnumerable<object> LeaderAliases() => LeaderIdentities.Leaders.SelectMany(l => l.Aliases.Select(a => new
        {
            l.Slug,
            Text = a,
            Key = NameKey.Fold(a),
            LatinKey = NameKey.Latin(a),
        }));

        /// <summary>Rows as a jsonb literal (dollar-quoted: the names hold quotes and apostrophes).</summary>
        private static string Json(object rows) =>
            $"$registry${JsonSerializer.Serialize(rows, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })}$registry$::jsonb";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DELETE FROM leader_names WHERE key IN (SELECT x.key FROM jsonb_to_recordset({Json(LeaderAliases())}) AS x(key text));
                """);

            // The registry's topics go, but those readouts use: they stay as plain topics.
            migrationBuilder.Sql($"""
                DELETE FROM topics t WHERE t.kind <> 'other' AND NOT EXISTS (SELECT 1 FROM readout_topics rt WHERE rt.topic_id = t.id);
                """);

            migrationBuilder.DropTable(
                name: "topic_names");

            migrationBuilder.DropTable(
                name: "topic_redirects");

            migrationBuilder.DropIndex(
                name: "ix_topics_country",
                table: "topics");

            migrationBuilder.DropIndex(
                name: "ix_topics_wikidata",
                table: "topics");

            migrationBuilder.DropIndex(
                name: "ix_readouts_subjects_stale",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "country",
                table: "topics");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "topics");

            migrationBuilder.DropColumn(
                name: "wikidata",
                table: "topics");

            migrationBuilder.DropColumn(
                name: "subjects_stale",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "labels",
                table: "readout_topics");

            migrationBuilder.DropColumn(
                name: "mentions",
                table: "readout_topics");

            migrationBuilder.DropColumn(
                name: "wikidata",
                table: "leaders");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:btree_gist", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
