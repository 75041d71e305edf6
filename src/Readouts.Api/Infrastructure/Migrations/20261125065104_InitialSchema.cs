using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    leader_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calls", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "leaders",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "call_leaders",
                columns: table => new
                {
                    call_id = table.Column<long>(type: "bigint", nullable: false),
                    leader_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_leaders", x => new { x.call_id, x.leader_id });
                    table.ForeignKey(
                        name: "fk_call_leaders_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_call_leaders_leaders_leader_id",
                        column: x => x.leader_id,
                        principalTable: "leaders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leader_names",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    leader_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    latin_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leader_names", x => x.id);
                    table.ForeignKey(
                        name: "fk_leader_names_leaders_leader_id",
                        column: x => x.leader_id,
                        principalTable: "leaders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "readouts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    call_id = table.Column<long>(type: "bigint", nullable: false),
                    source_id = table.Column<int>(type: "integer", nullable: false),
                    language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    call_date = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    search_config = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readouts", x => x.id);
                    table.ForeignKey(
                        name: "fk_readouts_calls_call_id",
                        column: x => x.call_id,
                        principalTable: "calls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_readouts_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "readout_topics",
                columns: table => new
                {
                    readout_id = table.Column<long>(type: "bigint", nullable: false),
                    topic_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readout_topics", x => new { x.readout_id, x.topic_id });
                    table.ForeignKey(
                        name: "fk_readout_topics_readouts_readout_id",
                        column: x => x.readout_id,
                        principalTable: "readouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_readout_topics_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    readout_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    speaker_id = table.Column<int>(type: "integer", nullable: true),
                    text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_statements_leaders_speaker_id",
                        column: x => x.speaker_id,
                        principalTable: "leaders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_statements_readouts_readout_id",
                        column: x => x.readout_id,
                        principalTable: "readouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_leaders_leader_id_call_id",
                table: "call_leaders",
                columns: new[] { "leader_id", "call_id" });

            migrationBuilder.CreateIndex(
                name: "ix_calls_date_id",
                table: "calls",
                columns: new[] { "date", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_calls_leader_key_date",
                table: "calls",
                columns: new[] { "leader_key", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_leader_names_key",
                table: "leader_names",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leader_names_latin_key",
                table: "leader_names",
                column: "latin_key");

            migrationBuilder.CreateIndex(
                name: "ix_leader_names_leader_id",
                table: "leader_names",
                column: "leader_id");

            migrationBuilder.CreateIndex(
                name: "ix_leaders_slug",
                table: "leaders",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_readout_topics_topic_id_readout_id",
                table: "readout_topics",
                columns: new[] { "topic_id", "readout_id" });

            migrationBuilder.CreateIndex(
                name: "ix_readouts_call_date_id",
                table: "readouts",
                columns: new[] { "call_date", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_readouts_call_id",
                table: "readouts",
                column: "call_id");

            migrationBuilder.CreateIndex(
                name: "ix_readouts_search_vector",
                table: "readouts",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_call_date",
                table: "readouts",
                columns: new[] { "source_id", "call_date" });

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_url",
                table: "readouts",
                columns: new[] { "source_id", "url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sources_slug",
                table: "sources",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statements_readout_id_position",
                table: "statements",
                columns: new[] { "readout_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statements_speaker_id",
                table: "statements",
                column: "speaker_id");

            migrationBuilder.CreateIndex(
                name: "ix_topics_slug",
                table: "topics",
                column: "slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_leaders");

            migrationBuilder.DropTable(
                name: "leader_names");

            migrationBuilder.DropTable(
                name: "readout_topics");

            migrationBuilder.DropTable(
                name: "statements");

            migrationBuilder.DropTable(
                name: "topics");

            migrationBuilder.DropTable(
                name: "leaders");

            migrationBuilder.DropTable(
                name: "readouts");

            migrationBuilder.DropTable(
                name: "calls");

            migrationBuilder.DropTable(
                name: "sources");
        }
    }
}
