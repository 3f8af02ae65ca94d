using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Durability.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    sequence_number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    queue = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    dead_lettered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    headers = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dead_letters", x => x.sequence_number);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer_id });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence_number = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    initiator_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    request_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source_address = table.Column<string>(type: "TEXT", nullable: true),
                    destination_address = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    response_address = table.Column<string>(type: "TEXT", nullable: true),
                    fault_address = table.Column<string>(type: "TEXT", nullable: true),
                    sent_time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expiration_time = table.Column<DateTime>(type: "TEXT", nullable: true),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    message_type = table.Column<string>(type: "TEXT", nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    headers = table.Column<string>(type: "TEXT", nullable: true),
                    properties = table.Column<string>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.sequence_number);
                });

            migrationBuilder.CreateTable(
                name: "saga_history",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence_number = table.Column<int>(type: "INTEGER", nullable: false),
                    saga_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    from_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    to_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saga_history", x => new { x.correlation_id, x.sequence_number });
                });

            migrationBuilder.CreateTable(
                name: "start_requests",
                columns: table => new
                {
                    saga_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    route = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_start_requests", x => x.saga_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_correlation_id",
                table: "dead_letters",
                column: "correlation_id");

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_message_id",
                table: "dead_letters",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_consumed_at",
                table: "inbox_messages",
                column: "consumed_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_saga_history_saga_type_occurred_at",
                table: "saga_history",
                columns: new[] { "saga_type", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_start_requests_created_at",
                table: "start_requests",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_start_requests_route_idempotency_key",
                table: "start_requests",
                columns: new[] { "route", "idempotency_key" },
                unique: true);

            // Quartz's job store, from the script Quartz ships for the version we run (see QuartzSchema).
            foreach (var statement in global::Sagas.Durability.Scheduling.QuartzSchema.CreateStatements("sqlite"))
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "saga_history");

            migrationBuilder.DropTable(
                name: "start_requests");
        }
    }
}
