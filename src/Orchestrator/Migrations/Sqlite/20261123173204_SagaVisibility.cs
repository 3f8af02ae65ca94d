using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SagaVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transfer_sagas_current_state",
                table: "transfer_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reservation_sagas_current_state",
                table: "reservation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reminder_sagas_current_state",
                table: "reminder_sagas");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_sagas_current_state",
                table: "provisioning_sagas");

            migrationBuilder.DropIndex(
                name: "ix_payment_sagas_current_state",
                table: "payment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_order_sagas_current_state",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "ix_fulfilment_sagas_current_state",
                table: "fulfilment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_expense_approval_sagas_current_state",
                table: "expense_approval_sagas");

            migrationBuilder.DropIndex(
                name: "ix_daily_report_sagas_current_state",
                table: "daily_report_sagas");

            migrationBuilder.DropIndex(
                name: "ix_bonus_calculation_sagas_current_state",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_batch_sagas_current_state",
                table: "batch_sagas");

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "transfer_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "reservation_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "reminder_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "provisioning_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "payment_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "order_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "fulfilment_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "expense_approval_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "daily_report_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "bonus_calculation_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "termination_reason",
                table: "batch_sagas",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_created_at_correlation_id",
                table: "transfer_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_current_state_created_at",
                table: "transfer_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_created_at_correlation_id",
                table: "reservation_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_current_state_created_at",
                table: "reservation_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_created_at_correlation_id",
                table: "reminder_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_current_state_created_at",
                table: "reminder_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_created_at_correlation_id",
                table: "provisioning_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_current_state_created_at",
                table: "provisioning_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_created_at_correlation_id",
                table: "payment_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_current_state_created_at",
                table: "payment_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_customer_id",
                table: "payment_sagas",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_created_at_correlation_id",
                table: "order_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_current_state_created_at",
                table: "order_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_created_at_correlation_id",
                table: "fulfilment_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_current_state_created_at",
                table: "fulfilment_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_customer_id",
                table: "fulfilment_sagas",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_created_at_correlation_id",
                table: "expense_approval_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_current_state_created_at",
                table: "expense_approval_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_created_at_correlation_id",
                table: "daily_report_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_current_state_created_at",
                table: "daily_report_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_created_at_correlation_id",
                table: "bonus_calculation_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_current_state_created_at",
                table: "bonus_calculation_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_created_at_correlation_id",
                table: "batch_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_current_state_created_at",
                table: "batch_sagas",
                columns: new[] { "current_state", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transfer_sagas_created_at_correlation_id",
                table: "transfer_sagas");

            migrationBuilder.DropIndex(
                name: "ix_transfer_sagas_current_state_created_at",
                table: "transfer_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reservation_sagas_created_at_correlation_id",
                table: "reservation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reservation_sagas_current_state_created_at",
                table: "reservation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reminder_sagas_created_at_correlation_id",
                table: "reminder_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reminder_sagas_current_state_created_at",
                table: "reminder_sagas");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_sagas_created_at_correlation_id",
                table: "provisioning_sagas");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_sagas_current_state_created_at",
                table: "provisioning_sagas");

            migrationBuilder.DropIndex(
                name: "ix_payment_sagas_created_at_correlation_id",
                table: "payment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_payment_sagas_current_state_created_at",
                table: "payment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_payment_sagas_customer_id",
                table: "payment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_order_sagas_created_at_correlation_id",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "ix_order_sagas_current_state_created_at",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "ix_fulfilment_sagas_created_at_correlation_id",
                table: "fulfilment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_fulfilment_sagas_current_state_created_at",
                table: "fulfilment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_fulfilment_sagas_customer_id",
                table: "fulfilment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_expense_approval_sagas_created_at_correlation_id",
                table: "expense_approval_sagas");

            migrationBuilder.DropIndex(
                name: "ix_expense_approval_sagas_current_state_created_at",
                table: "expense_approval_sagas");

            migrationBuilder.DropIndex(
                name: "ix_daily_report_sagas_created_at_correlation_id",
                table: "daily_report_sagas");

            migrationBuilder.DropIndex(
                name: "ix_daily_report_sagas_current_state_created_at",
                table: "daily_report_sagas");

            migrationBuilder.DropIndex(
                name: "ix_bonus_calculation_sagas_created_at_correlation_id",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_bonus_calculation_sagas_current_state_created_at",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_batch_sagas_created_at_correlation_id",
                table: "batch_sagas");

            migrationBuilder.DropIndex(
                name: "ix_batch_sagas_current_state_created_at",
                table: "batch_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "termination_reason",
                table: "batch_sagas");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_current_state",
                table: "transfer_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_current_state",
                table: "reservation_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_current_state",
                table: "reminder_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_current_state",
                table: "provisioning_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_current_state",
                table: "payment_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_current_state",
                table: "order_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_current_state",
                table: "fulfilment_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_current_state",
                table: "expense_approval_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_current_state",
                table: "daily_report_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_current_state",
                table: "bonus_calculation_sagas",
                column: "current_state");

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_current_state",
                table: "batch_sagas",
                column: "current_state");
        }
    }
}
