using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepHeartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "transfer_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "transfer_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "transfer_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "reservation_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "reservation_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "reservation_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "reminder_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "reminder_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "reminder_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "provisioning_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "provisioning_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "provisioning_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "payment_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "payment_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "payment_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "order_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "order_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "order_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "fulfilment_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "fulfilment_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "fulfilment_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "expense_approval_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "expense_approval_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "expense_approval_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "daily_report_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "daily_report_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "daily_report_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_heartbeat_at",
                table: "bonus_calculation_sagas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "step_progress",
                table: "bonus_calculation_sagas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "step_started_at",
                table: "bonus_calculation_sagas",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "last_heartbeat_at",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "step_progress",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "step_started_at",
                table: "bonus_calculation_sagas");
        }
    }
}
