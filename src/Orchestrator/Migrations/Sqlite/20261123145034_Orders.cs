using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Orders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    charged = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    shipment_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_timeout_token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_current_state",
                table: "order_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_customer_id",
                table: "order_sagas",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_parent_id",
                table: "order_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_updated_at",
                table: "order_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_sagas");
        }
    }
}
