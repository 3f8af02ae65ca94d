using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sagas.Orchestrator.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "batch_items",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    start_message = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batch_items", x => new { x.batch_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "batch_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    max_concurrency = table.Column<int>(type: "INTEGER", nullable: false),
                    started = table.Column<int>(type: "INTEGER", nullable: false),
                    succeeded = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    max_running = table.Column<int>(type: "INTEGER", nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batch_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "billing_collection_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    period_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_run_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_run_token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    runs = table.Column<int>(type: "INTEGER", nullable: false),
                    failed_runs = table.Column<int>(type: "INTEGER", nullable: false),
                    records_collected = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_collected = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    stop_reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_collection_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "bonus_calculation_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    minimum_balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    eligible_count = table.Column<int>(type: "INTEGER", nullable: false),
                    credited_count = table.Column<int>(type: "INTEGER", nullable: false),
                    already_paid_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_credited = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bonus_calculation_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "coffee_order_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    beverage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coffee_order_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "daily_report_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    entry_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_report_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "expense_approval_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decision_due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approver_notified_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    decision_timeout_token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_approval_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "fulfilment_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    payment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reservation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    payment_outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reservation_outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fulfilment_sagas", x => x.correlation_id);
                });

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
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "payment_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "provisioning_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    environment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    providers = table.Column<string>(type: "TEXT", nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provisioning_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    mails_sent = table.Column<int>(type: "INTEGER", nullable: false),
                    next_mail_due_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    first_mail_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    second_mail_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    third_mail_sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    next_mail_token_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "reservation_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    items = table.Column<string>(type: "TEXT", nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reservation_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "transfer_sagas",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    to_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    current_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_version = table.Column<int>(type: "INTEGER", nullable: false),
                    history_count = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    parent_address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    termination_reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    current_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    step_attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    step_deadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    step_progress = table.Column<long>(type: "INTEGER", nullable: true),
                    step_started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    compensations = table.Column<string>(type: "TEXT", nullable: false),
                    compensated_state = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    compensation_request_step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_batch_id_status",
                table: "batch_items",
                columns: new[] { "batch_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_items_order_id",
                table: "batch_items",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_created_at_correlation_id",
                table: "batch_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_current_state_created_at",
                table: "batch_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_parent_id",
                table: "batch_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_batch_sagas_updated_at",
                table: "batch_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_account",
                table: "billing_collection_sagas",
                column: "account");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_created_at_correlation_id",
                table: "billing_collection_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_current_state_created_at",
                table: "billing_collection_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_parent_id",
                table: "billing_collection_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_step_deadline",
                table: "billing_collection_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_billing_collection_sagas_updated_at",
                table: "billing_collection_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_created_at_correlation_id",
                table: "bonus_calculation_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_current_state_created_at",
                table: "bonus_calculation_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_parent_id",
                table: "bonus_calculation_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_period",
                table: "bonus_calculation_sagas",
                column: "period");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_step_deadline",
                table: "bonus_calculation_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bonus_calculation_sagas_updated_at",
                table: "bonus_calculation_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_created_at_correlation_id",
                table: "coffee_order_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_current_state_created_at",
                table: "coffee_order_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_customer_id",
                table: "coffee_order_sagas",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_parent_id",
                table: "coffee_order_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_step_deadline",
                table: "coffee_order_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_coffee_order_sagas_updated_at",
                table: "coffee_order_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_created_at_correlation_id",
                table: "daily_report_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_current_state_created_at",
                table: "daily_report_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_parent_id",
                table: "daily_report_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_report_date",
                table: "daily_report_sagas",
                column: "report_date");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_step_deadline",
                table: "daily_report_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_daily_report_sagas_updated_at",
                table: "daily_report_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_created_at_correlation_id",
                table: "expense_approval_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_current_state_created_at",
                table: "expense_approval_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_employee",
                table: "expense_approval_sagas",
                column: "employee");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_parent_id",
                table: "expense_approval_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_step_deadline",
                table: "expense_approval_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_expense_approval_sagas_updated_at",
                table: "expense_approval_sagas",
                column: "updated_at");

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
                name: "ix_fulfilment_sagas_parent_id",
                table: "fulfilment_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_step_deadline",
                table: "fulfilment_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_fulfilment_sagas_updated_at",
                table: "fulfilment_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_created_at_correlation_id",
                table: "order_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_current_state_created_at",
                table: "order_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_customer_id",
                table: "order_sagas",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_parent_id",
                table: "order_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_step_deadline",
                table: "order_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_order_sagas_updated_at",
                table: "order_sagas",
                column: "updated_at");

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
                name: "ix_payment_sagas_parent_id",
                table: "payment_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_step_deadline",
                table: "payment_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payment_sagas_updated_at",
                table: "payment_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_created_at_correlation_id",
                table: "provisioning_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_current_state_created_at",
                table: "provisioning_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_environment",
                table: "provisioning_sagas",
                column: "environment");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_parent_id",
                table: "provisioning_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_step_deadline",
                table: "provisioning_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_provisioning_sagas_updated_at",
                table: "provisioning_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_created_at_correlation_id",
                table: "reminder_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_current_state_created_at",
                table: "reminder_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_next_mail_due_at",
                table: "reminder_sagas",
                column: "next_mail_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_parent_id",
                table: "reminder_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_step_deadline",
                table: "reminder_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_sagas_updated_at",
                table: "reminder_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_created_at_correlation_id",
                table: "reservation_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_current_state_created_at",
                table: "reservation_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_parent_id",
                table: "reservation_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_step_deadline",
                table: "reservation_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reservation_sagas_updated_at",
                table: "reservation_sagas",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_created_at_correlation_id",
                table: "transfer_sagas",
                columns: new[] { "created_at", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_current_state_created_at",
                table: "transfer_sagas",
                columns: new[] { "current_state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_from_account",
                table: "transfer_sagas",
                column: "from_account");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_parent_id",
                table: "transfer_sagas",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_step_deadline",
                table: "transfer_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_to_account",
                table: "transfer_sagas",
                column: "to_account");

            migrationBuilder.CreateIndex(
                name: "ix_transfer_sagas_updated_at",
                table: "transfer_sagas",
                column: "updated_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "batch_items");

            migrationBuilder.DropTable(
                name: "batch_sagas");

            migrationBuilder.DropTable(
                name: "billing_collection_sagas");

            migrationBuilder.DropTable(
                name: "bonus_calculation_sagas");

            migrationBuilder.DropTable(
                name: "coffee_order_sagas");

            migrationBuilder.DropTable(
                name: "daily_report_sagas");

            migrationBuilder.DropTable(
                name: "expense_approval_sagas");

            migrationBuilder.DropTable(
                name: "fulfilment_sagas");

            migrationBuilder.DropTable(
                name: "order_sagas");

            migrationBuilder.DropTable(
                name: "payment_sagas");

            migrationBuilder.DropTable(
                name: "provisioning_sagas");

            migrationBuilder.DropTable(
                name: "reminder_sagas");

            migrationBuilder.DropTable(
                name: "reservation_sagas");

            migrationBuilder.DropTable(
                name: "transfer_sagas");
        }
    }
}
