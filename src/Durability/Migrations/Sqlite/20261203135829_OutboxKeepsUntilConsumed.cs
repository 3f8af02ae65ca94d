using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Durability.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxKeepsUntilConsumed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "delivered_at",
                table: "outbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "delivered_at",
                table: "outbox_messages");
        }
    }
}
