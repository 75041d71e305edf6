using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Keeps a call's search vector in the call's own row, compressed, instead of in the TOAST table.
    /// GET /api/calls?q= walks calls newest first and tests each vector; fetched from TOAST, each
    /// test cost an index lookup and extra pages, and full-text pages were the slowest reads at a
    /// million readouts. Inline, the same walks took a half to a third of the time. Rows written
    /// before this migration stay where they are until they are next updated.
    /// </summary>
    public partial class InlineCallSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE calls ALTER COLUMN search_vector SET STORAGE MAIN;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE calls ALTER COLUMN search_vector SET STORAGE EXTENDED;");
        }
    }
}
