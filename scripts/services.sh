#!/usr/bin/env bash
# Make sure PostgreSQL and RabbitMQ are installed and running on localhost (Debian, no systemd).
# Usage: scripts/services.sh [start|stop]   (idempotent; fast when everything is already up)
#        scripts/services.sh cluster [stop]  a 3-node RabbitMQ cluster on loopback, beside the single broker
set -euo pipefail

PG_CONN='Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable'
RMQ_CONN='amqp://guest:guest@127.0.0.1:5672/'

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

# Privileged commands: run directly as root, otherwise through sudo.
if [ "$(id -u)" -eq 0 ]; then
  priv() { "$@"; }
  as() { local u=$1; shift; runuser -u "$u" -- "$@"; }
else
  command -v sudo >/dev/null || die "run as root or install sudo"
  priv() { sudo "$@"; }
  as() { local u=$1; shift; sudo -u "$u" -- "$@"; }
fi

install_missing() {
  local pkgs=()
  command -v pg_lsclusters >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || pkgs+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || pkgs+=(rabbitmq-server)
  [ ${#pkgs[@]} -eq 0 ] && return
  log "installing ${pkgs[*]}"
  priv env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  priv env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
}

# Newest installed PostgreSQL major version (fallback 15).
pg_version() {
  local v
  v=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -1 || true)
  echo "${v:-15}"
}

pg_status() { pg_lsclusters -h 2>/dev/null | awk -v v="$1" '$1==v && $2=="main" {print $4}'; }

psql_admin() { as postgres psql -X -q -v ON_ERROR_STOP=1 -tA "$@"; }

start_postgres() {
  local v status
  v=$(pg_version)
  status=$(pg_status "$v")
  if [ -z "$status" ]; then
    log "creating PostgreSQL $v cluster 'main'"
    priv pg_createcluster "$v" main >/dev/null
  fi
  if [ "$(pg_status "$v")" != online ]; then
    log "starting PostgreSQL $v"
    priv pg_ctlcluster "$v" main start
  fi

  # Tests open many pooled connections (one pool per test database).
  if [ "$(psql_admin -c 'show max_connections')" != 300 ]; then
    log "setting max_connections=300 (restart)"
    psql_admin -c 'alter system set max_connections = 300'
    priv pg_ctlcluster "$v" main restart
  fi

  # SUPERUSER because tests create and drop their own databases.
  psql_admin <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sagas') THEN
    CREATE ROLE sagas LOGIN SUPERUSER CREATEDB PASSWORD 'sagas';
  END IF;
END $$;
SQL
  if [ -z "$(psql_admin -c "select 1 from pg_database where datname = 'sagas'")" ]; then
    log "creating database sagas"
    as postgres createdb -O sagas sagas
  fi

  PGPASSWORD=sagas psql -X -q -h 127.0.0.1 -p 5432 -U sagas -d sagas -tAc 'select 1' >/dev/null \
    || die "password login as sagas@127.0.0.1:5432 failed (check port and pg_hba.conf of cluster $v/main)"
  log "PostgreSQL $v ok"
}

rmq_ping() { priv rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

start_rabbitmq() {
  if ! rmq_ping; then
    log "starting RabbitMQ"
    # Started by hand: no systemd here, and policy-rc.d usually blocks the package's own start.
    priv su rabbitmq -s /bin/sh -c 'cd /var/lib/rabbitmq && exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached'
    for _ in $(seq 60); do rmq_ping && break; sleep 1; done
    priv rabbitmqctl -q await_startup --timeout 60 >/dev/null || die "RabbitMQ did not start (see /var/log/rabbitmq)"
  fi
  # Management UI is a convenience only; never fail because of it.
  if ! grep -qs rabbitmq_management /etc/rabbitmq/enabled_plugins; then
    log "enabling rabbitmq_management"
    priv rabbitmq-plugins -q enable rabbitmq_management >/dev/null 2>&1 || log "warning: could not enable rabbitmq_management"
  fi
  (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null || die "RabbitMQ is up but 127.0.0.1:5672 does not answer"
  log "RabbitMQ ok"
}

# The cluster: nodes sagas1..3@localhost with AMQP on 5681-5683 and management on 15681-15683, each
# with its own data under /var/lib/rabbitmq/cluster, sharing the single broker's Erlang cookie.
CLUSTER_DIR=/var/lib/rabbitmq/cluster
CLUSTER_CONN='amqp://guest:guest@127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683/'

node_name() { echo "sagas$1@localhost"; }
node_ctl() { local i=$1; shift; priv rabbitmqctl -q -n "$(node_name "$i")" "$@"; }
node_ping() { priv rabbitmq-diagnostics -q -n "$(node_name "$1")" ping >/dev/null 2>&1; }

start_node() {
  local i=$1 dir="$CLUSTER_DIR/sagas$1"
  priv mkdir -p "$dir/log"
  printf 'listeners.tcp.default = %s\nmanagement.tcp.port = %s\nloopback_users.guest = false\n' "$((5680 + i))" "$((15680 + i))" \
    | priv tee "$dir/rabbitmq.conf" >/dev/null
  priv chown -R rabbitmq:rabbitmq "$CLUSTER_DIR"
  log "starting RabbitMQ node $(node_name "$i")"
  priv su rabbitmq -s /bin/sh -c "cd /var/lib/rabbitmq && \
    RABBITMQ_NODENAME=$(node_name "$i") RABBITMQ_NODE_PORT=$((5680 + i)) RABBITMQ_DIST_PORT=$((25680 + i)) \
    RABBITMQ_MNESIA_BASE=$dir RABBITMQ_LOG_BASE=$dir/log RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf \
    exec /usr/lib/rabbitmq/bin/rabbitmq-server -detached"
  for _ in $(seq 60); do node_ping "$i" && break; sleep 1; done
  node_ctl "$i" await_startup --timeout 60 >/dev/null || die "node $(node_name "$i") did not start (see $dir/log)"
}

start_cluster() {
  install_missing
  start_rabbitmq >/dev/null # epmd and the Erlang cookie the nodes share
  local i
  for i in 1 2 3; do node_ping "$i" || start_node "$i"; done
  for i in 2 3; do
    if ! node_ctl 1 cluster_status --formatter json | grep -q "\"$(node_name "$i")\""; then
      log "joining $(node_name "$i") to $(node_name 1)"
      node_ctl "$i" stop_app
      node_ctl "$i" join_cluster "$(node_name 1)"
      node_ctl "$i" start_app
    fi
  done
  log "RabbitMQ cluster ok: $(node_ctl 1 cluster_status --formatter json | grep -o '"running_nodes":\[[^]]*\]')"
}

stop_cluster() {
  local i
  for i in 3 2 1; do node_ping "$i" && { log "stopping $(node_name "$i")"; node_ctl "$i" shutdown >/dev/null; }; done
  log "cluster stopped"
}

stop_all() {
  local v
  if command -v pg_lsclusters >/dev/null; then
    v=$(pg_version)
    if [ "$(pg_status "$v")" = online ]; then log "stopping PostgreSQL $v"; priv pg_ctlcluster "$v" main stop; fi
  fi
  if command -v rabbitmqctl >/dev/null && rmq_ping; then
    log "stopping RabbitMQ"
    priv rabbitmqctl -q shutdown >/dev/null
  fi
  log "stopped"
}

case "${1:-start}" in
  start)
    install_missing
    start_postgres
    start_rabbitmq
    echo "Postgres: $PG_CONN"
    echo "RabbitMQ: $RMQ_CONN"
    ;;
  stop) stop_all ;;
  cluster)
    if [ "${2:-start}" = stop ]; then stop_cluster; else start_cluster; echo "RabbitMQ cluster: $CLUSTER_CONN"; fi
    ;;
  *) die "usage: $0 [start|stop|cluster [stop]]" ;;
esac
