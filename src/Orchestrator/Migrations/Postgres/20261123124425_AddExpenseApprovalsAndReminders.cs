using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddExpenseApprovalsAndReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "expense_approval_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employee = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decision_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    approver_notified_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    decision_timeout_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_approval_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    mails_sent = table.Column<int>(type: "integer", nullable: false),
                    next_mail_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    first_mail_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    second_mail_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    third_mail_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure_reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    next_mail_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_current_state",
                table: "expense_approval_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_employee",
                table: "expense_approval_sagas",
                column: "employee");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_updated_at",
                table: "expense_approval_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_current_state",
                table: "reminder_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_next_mail_due_at",
                table: "reminder_sagas",
                column: "next_mail_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_updated_at",
                table: "reminder_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "expense_approval_sagas");

            migrationBuilder.DropTable(
                name: "reminder_sagas");
        }
    }
}
