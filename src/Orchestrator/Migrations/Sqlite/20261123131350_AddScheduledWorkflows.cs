using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddScheduledWorkflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bonus_calculation_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    minimum_balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    eligible_count = table.Column<int>(type: "INTEGER", nullable: false),
                    credited_count = table.Column<int>(type: "INTEGER", nullable: false),
                    already_paid_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_credited = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bonus_calculation_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "daily_report_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    entry_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_report_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_current_state",
                table: "bonus_calculation_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_period",
                table: "bonus_calculation_sagas",
                column: "period");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_updated_at",
                table: "bonus_calculation_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_current_state",
                table: "daily_report_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_report_date",
                table: "daily_report_sagas",
                column: "report_date");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_updated_at",
                table: "daily_report_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bonus_calculation_sagas");

            migrationBuilder.DropTable(
                name: "daily_report_sagas");
        }
    }
}
