using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Readouts no longer keep a search vector of their own: only calls are searched, and a
    /// readout's vector was read only to rebuild its call's, which CallLinker.RefreshSql now stems
    /// from the texts. Storing it cost every post a second copy of its words.
    /// </summary>
    public partial class DropReadoutSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "readouts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "readouts",
                type: "tsvector",
                nullable: true);

            // The code before this migration rebuilds calls from these vectors.
            migrationBuilder.Sql("""
                UPDATE readouts r SET search_vector =
                    setweight(to_tsvector(r.search_config::regconfig, r.title), 'A')
                    || to_tsvector(r.search_config::regconfig, r.body)
                    || to_tsvector(r.search_config::regconfig, coalesce((SELECT string_agg(s.text, ' ' ORDER BY s.position) FROM statements s WHERE s.readout_id = r.id), ''))
                """);
        }
    }
}
