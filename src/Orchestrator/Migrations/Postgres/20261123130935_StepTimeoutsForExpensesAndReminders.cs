using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StepTimeoutsForExpensesAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "current_step",
                table: "reminder_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step_attempt",
                table: "reminder_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "step_timeout_token_id",
                table: "reminder_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "current_step",
                table: "expense_approval_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step_attempt",
                table: "expense_approval_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "step_timeout_token_id",
                table: "expense_approval_sagas",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "current_step",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "step_attempt",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "step_timeout_token_id",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "current_step",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "step_attempt",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "step_timeout_token_id",
                table: "expense_approval_sagas");
        }
    }
}
