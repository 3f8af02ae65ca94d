using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LedgerRejectionsAndTransferSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "current_step",
                table: "transfer_sagas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "step_attempt",
                table: "transfer_sagas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "step_timeout_token_id",
                table: "transfer_sagas",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "current_step",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "step_attempt",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "step_timeout_token_id",
                table: "transfer_sagas");
        }
    }
}
