using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "transfer_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    to_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_current_state",
                table: "transfer_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_from_account",
                table: "transfer_sagas",
                column: "from_account");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_to_account",
                table: "transfer_sagas",
                column: "to_account");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_updated_at",
                table: "transfer_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "transfer_sagas");
        }
    }
}
