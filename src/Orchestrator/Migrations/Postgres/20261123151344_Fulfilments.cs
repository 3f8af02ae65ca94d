using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Fulfilments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fulfilment_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reservation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    reservation_outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "integer", nullable: false),
                    step_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    compensations = table.Column<string>(type: "text", nullable: false),
                    compensated_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fulfilment_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "payment_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "integer", nullable: false),
                    step_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    compensations = table.Column<string>(type: "text", nullable: false),
                    compensated_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "reservation_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    items = table.Column<string>(type: "text", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "integer", nullable: false),
                    step_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    compensations = table.Column<string>(type: "text", nullable: false),
                    compensated_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reservation_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_current_state",
                table: "fulfilment_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_parent_id",
                table: "fulfilment_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_updated_at",
                table: "fulfilment_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_current_state",
                table: "payment_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_parent_id",
                table: "payment_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_updated_at",
                table: "payment_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_current_state",
                table: "reservation_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_parent_id",
                table: "reservation_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_updated_at",
                table: "reservation_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fulfilment_sagas");

            migrationBuilder.DropTable(
                name: "payment_sagas");

            migrationBuilder.DropTable(
                name: "reservation_sagas");
        }
    }
}
