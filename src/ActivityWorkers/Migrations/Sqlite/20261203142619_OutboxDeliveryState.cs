using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.ActivityWorkers.Migrations.Sqlite
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
