using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "provisioning_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    environment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    providers = table.Column<string>(type: "text", nullable: false),
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
                    table.PrimaryKey("pk_provisioning_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_current_state",
                table: "provisioning_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_environment",
                table: "provisioning_sagas",
                column: "environment");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_parent_id",
                table: "provisioning_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_updated_at",
                table: "provisioning_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "provisioning_sagas");
        }
    }
}
