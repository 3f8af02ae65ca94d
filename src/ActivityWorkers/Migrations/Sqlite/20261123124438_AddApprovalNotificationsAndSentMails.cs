using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.ActivityWorkers.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddApprovalNotificationsAndSentMails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approval_notifications",
                columns: table => new
                {
                    expense_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    notified_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_approval_notifications", x => x.expense_id);
                });

            migrationBuilder.CreateTable(
                name: "sent_mails",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sent_mails", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sent_mails_reference",
                table: "sent_mails",
                column: "reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approval_notifications");

            migrationBuilder.DropTable(
                name: "sent_mails");
        }
    }
}
