using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StepDeadlinesAndHistoryCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "transfer_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "reservation_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "reminder_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "provisioning_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "payment_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "order_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "fulfilment_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "expense_approval_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "daily_report_sagas",
                newName: "step_deadline");

            migrationBuilder.RenameColumn(
                name: "step_timeout_token_id",
                table: "bonus_calculation_sagas",
                newName: "step_deadline");

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "transfer_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "reservation_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "reminder_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "provisioning_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "payment_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "order_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "fulfilment_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "expense_approval_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "daily_report_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "bonus_calculation_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "history_count",
                table: "batch_sagas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_step_deadline",
                table: "transfer_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_step_deadline",
                table: "reservation_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_step_deadline",
                table: "reminder_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_step_deadline",
                table: "provisioning_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_step_deadline",
                table: "payment_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_step_deadline",
                table: "order_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_step_deadline",
                table: "fulfilment_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_step_deadline",
                table: "expense_approval_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_step_deadline",
                table: "daily_report_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_step_deadline",
                table: "bonus_calculation_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            // The column held the token of a pending Quartz timer: such a step is timed out at once and sent again (activities are idempotent).
            migrationBuilder.Sql("UPDATE transfer_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE reservation_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE reminder_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE provisioning_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE payment_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE order_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE fulfilment_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE expense_approval_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE daily_report_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");
            migrationBuilder.Sql("UPDATE bonus_calculation_sagas SET step_deadline = updated_at WHERE step_deadline IS NOT NULL");

            // History rows are numbered from the saga's count from now on; start it where each saga's history ends.
            migrationBuilder.Sql("UPDATE transfer_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = transfer_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE reservation_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = reservation_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE reminder_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = reminder_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE provisioning_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = provisioning_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE payment_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = payment_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE order_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = order_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE fulfilment_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = fulfilment_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE expense_approval_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = expense_approval_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE daily_report_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = daily_report_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE bonus_calculation_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = bonus_calculation_sagas.correlation_id), 0)");
            migrationBuilder.Sql("UPDATE batch_sagas SET history_count = COALESCE((SELECT MAX(h.sequence_number) FROM saga_history h WHERE h.correlation_id = batch_sagas.correlation_id), 0)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transfer_sagas_step_deadline",
                table: "transfer_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reservation_sagas_step_deadline",
                table: "reservation_sagas");

            migrationBuilder.DropIndex(
                name: "ix_reminder_sagas_step_deadline",
                table: "reminder_sagas");

            migrationBuilder.DropIndex(
                name: "ix_provisioning_sagas_step_deadline",
                table: "provisioning_sagas");

            migrationBuilder.DropIndex(
                name: "ix_payment_sagas_step_deadline",
                table: "payment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_order_sagas_step_deadline",
                table: "order_sagas");

            migrationBuilder.DropIndex(
                name: "ix_fulfilment_sagas_step_deadline",
                table: "fulfilment_sagas");

            migrationBuilder.DropIndex(
                name: "ix_expense_approval_sagas_step_deadline",
                table: "expense_approval_sagas");

            migrationBuilder.DropIndex(
                name: "ix_daily_report_sagas_step_deadline",
                table: "daily_report_sagas");

            migrationBuilder.DropIndex(
                name: "ix_bonus_calculation_sagas_step_deadline",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "transfer_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "reservation_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "reminder_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "provisioning_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "payment_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "order_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "fulfilment_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "expense_approval_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "daily_report_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "bonus_calculation_sagas");

            migrationBuilder.DropColumn(
                name: "history_count",
                table: "batch_sagas");

            // A deadline is no timer token.
            migrationBuilder.Sql("UPDATE transfer_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE reservation_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE reminder_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE provisioning_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE payment_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE order_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE fulfilment_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE expense_approval_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE daily_report_sagas SET step_deadline = NULL");
            migrationBuilder.Sql("UPDATE bonus_calculation_sagas SET step_deadline = NULL");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "transfer_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "reservation_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "reminder_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "provisioning_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "payment_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "order_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "fulfilment_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "expense_approval_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "daily_report_sagas",
                newName: "step_timeout_token_id");

            migrationBuilder.RenameColumn(
                name: "step_deadline",
                table: "bonus_calculation_sagas",
                newName: "step_timeout_token_id");
        }
    }
}
