using Microsoft.EntityFrameworkCore.Migrations;
using Readouts.Api.Infrastructure.Migrations.Registry;

#nullable disable

namespace Readouts.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Loads the registries readouts refer to: the leaders of the G20 members and Ukraine with
    /// their aliases, and the sources whose readouts the project started from.
    /// </summary>
    public partial class SeedRegistries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var leader in LeaderRegistry.Leaders)
            {
                migrationBuilder.Sql($"INSERT INTO leaders (slug, name, country) VALUES ({Quote(leader.Slug)}, {Quote(leader.Name)}, {Quote(leader.Country)});");
                foreach (var name in leader.Aliases.Prepend(leader.Name))
                {
                    migrationBuilder.Sql($"""
                        INSERT INTO leader_names (leader_id, text, key, latin_key)
                        SELECT id, {Quote(name)}, {Quote(NameKey.Fold(name))}, {Quote(NameKey.Latin(name))} FROM leaders WHERE slug = {Quote(leader.Slug)};
                        """);
                }
            }

            foreach (var source in SourceRegistry.Sources)
            {
                migrationBuilder.Sql($"INSERT INTO sources (slug, name, country, url) VALUES ({Quote(source.Slug)}, {Quote(source.Name)}, {Quote(source.Country)}, {Quote(source.Url)});");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            var leaders = string.Join(", ", LeaderRegistry.Leaders.Select(l => Quote(l.Slug)));
            migrationBuilder.Sql($"DELETE FROM leader_names WHERE leader_id IN (SELECT id FROM leaders WHERE slug IN ({leaders}));");
            migrationBuilder.Sql($"DELETE FROM leaders WHERE slug IN ({leaders});");
            migrationBuilder.Sql($"DELETE FROM sources WHERE slug IN ({string.Join(", ", SourceRegistry.Sources.Select(s => Quote(s.Slug)))});");
        }

        private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }
}
