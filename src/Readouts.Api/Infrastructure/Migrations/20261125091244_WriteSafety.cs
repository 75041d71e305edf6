using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class WriteSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_readouts_source_id_url",
                table: "readouts");

            migrationBuilder.AlterColumn<long>(
                name: "call_id",
                table: "readouts",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<string>(
                name: "change",
                table: "readouts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "created");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deleted_at",
                table: "readouts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "readouts",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.AddColumn<string>(
                name: "updated_by",
                table: "readouts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "unknown");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "readouts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            // Readouts stored before revisions existed: their one version was written when they were posted.
            migrationBuilder.Sql("UPDATE readouts SET updated_at = created_at;");

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    key_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    e_tag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    body = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.key_name, x.key });
                });

            migrationBuilder.CreateTable(
                name: "readout_revisions",
                columns: table => new
                {
                    readout_id = table.Column<long>(type: "bigint", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    written_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readout_revisions", x => new { x.readout_id, x.number });
                    table.ForeignKey(
                        name: "fk_readout_revisions_readouts_readout_id",
                        column: x => x.readout_id,
                        principalTable: "readouts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_url",
                table: "readouts",
                columns: new[] { "source_id", "url" },
                unique: true,
                filter: "deleted_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "readout_revisions");

            migrationBuilder.DropIndex(
                name: "ix_readouts_source_id_url",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "change",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "updated_by",
                table: "readouts");

            migrationBuilder.DropColumn(
                name: "version",
                table: "readouts");

            migrationBuilder.AlterColumn<long>(
                name: "call_id",
                table: "readouts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_readouts_source_id_url",
                table: "readouts",
                columns: new[] { "source_id", "url" },
                unique: true);
        }
    }
}
