using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DefinitionVersion : Migration
    {
        /// <summary>Every instance that already exists started before definitions had versions: version 1.</summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "transfer_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "reservation_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "reminder_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "provisioning_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "payment_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "order_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "fulfilment_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "expense_approval_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "daily_report_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "bonus_calculation_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "definition_version",
                table: "batch_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "definition_version",
                table: "batch_sagas");
        }
    }
}
