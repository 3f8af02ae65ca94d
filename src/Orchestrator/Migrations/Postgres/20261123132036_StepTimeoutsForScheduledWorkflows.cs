using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepTimeoutsForScheduledWorkflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "current_step",
                table: "daily_report_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_reason",
                table: "daily_report_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step_attempt",
                table: "daily_report_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "step_timeout_token_id",
                table: "daily_report_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "current_step",
                table: "bonus_calculation_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_reason",
                table: "bonus_calculation_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step_attempt",
                table: "bonus_calculation_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "step_timeout_token_id",
                table: "bonus_calculation_sagas",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "current_step",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "failure_reason",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "step_attempt",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "step_timeout_token_id",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "current_step",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "failure_reason",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "step_attempt",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "step_timeout_token_id",
                table: "bonus_calculation_sagas");
        }
    }
}
