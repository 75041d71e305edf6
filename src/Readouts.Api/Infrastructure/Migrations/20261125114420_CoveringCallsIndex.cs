using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CoveringCallsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_calls_date_id",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "ix_calls_date_id",
                table: "calls",
                columns: new[] { "date", "id" },
                descending: new bool[0])
                .Annotation("Npgsql:IndexInclude", new[] { "leader_ids", "topic_ids", "source_ids" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_calls_date_id",
                table: "calls");

            migrationBuilder.CreateIndex(
                name: "ix_calls_date_id",
                table: "calls",
                columns: new[] { "date", "id" },
                descending: new bool[0]);
        }
    }
}
