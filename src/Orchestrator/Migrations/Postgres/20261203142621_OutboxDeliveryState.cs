using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxDeliveryState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
