using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompensationsAndParents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "failure_reason",
                table: "transfer_sagas",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "compensated_state",
                table: "transfer_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "compensation_request_step",
                table: "transfer_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "compensations",
                table: "transfer_sagas",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "parent_address",
                table: "transfer_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "transfer_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "parent_address",
                table: "reminder_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "reminder_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "parent_address",
                table: "expense_approval_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "expense_approval_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "parent_address",
                table: "daily_report_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "daily_report_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "parent_address",
                table: "bonus_calculation_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "parent_id",
                table: "bonus_calculation_sagas",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_parent_id",
                table: "transfer_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_parent_id",
                table: "reminder_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_parent_id",
                table: "expense_approval_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_parent_id",
                table: "daily_report_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_parent_id",
                table: "bonus_calculation_sagas",
                column: "parent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transfer_sagas_parent_id",
                table: "transfer_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reminder_sagas_parent_id",
                table: "reminder_sagas");

            migrationBuilder.DropIndex(
                name: "ix_expense_approval_sagas_parent_id",
                table: "expense_approval_sagas");

            migrationBuilder.DropIndex(
                name: "ix_daily_report_sagas_parent_id",
                table: "daily_report_sagas");

            migrationBuilder.DropIndex(
                name: "ix_bonus_calculation_sagas_parent_id",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "compensated_state",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "compensation_request_step",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "compensations",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "parent_address",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "parent_address",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "parent_address",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "parent_address",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "parent_address",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "bonus_calculation_sagas");

            migrationBuilder.AlterColumn<string>(
                name: "failure_reason",
                table: "transfer_sagas",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512,
                oldNullable: true);
        }
    }
}
