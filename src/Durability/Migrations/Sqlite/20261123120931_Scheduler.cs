using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Durability.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scheduler : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in global::Sagas.Durability.Scheduling.QuartzSchema.CreateStatements("sqlite"))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
