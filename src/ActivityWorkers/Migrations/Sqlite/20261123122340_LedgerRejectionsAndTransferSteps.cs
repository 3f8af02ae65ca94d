using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.ActivityWorkers.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerRejectionsAndTransferSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_rejections",
                columns: table => new
                {
                    reference_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_rejections", x => x.reference_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_rejections");
        }
    }
}
