using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Durability.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDeadLetters : Migration
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

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_correlation_id",
                table: "dead_letters",
                column: "correlation_id");

            migrationBuilder.CreateIndex(
                name: "ix_dead_letters_message_id",
                table: "dead_letters",
                column: "message_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dead_letters");
        }
    }
}
