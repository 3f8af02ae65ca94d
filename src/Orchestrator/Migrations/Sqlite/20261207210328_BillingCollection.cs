using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillingCollection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_collection_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    period_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_run_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_run_token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    runs = table.Column<int>(type: "INTEGER", nullable: false),
                    failed_runs = table.Column<int>(type: "INTEGER", nullable: false),
                    records_collected = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_collected = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    stop_reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_collection_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_account",
                table: "billing_collection_sagas",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_created_at_correlation_id",
                table: "billing_collection_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_current_state_created_at",
                table: "billing_collection_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_parent_id",
                table: "billing_collection_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_step_deadline",
                table: "billing_collection_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_updated_at",
                table: "billing_collection_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_collection_sagas");
        }
    }
}
