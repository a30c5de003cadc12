#!/usr/bin/env bash
# Approving by mail: a backlog of replies decided from an IMAPS folder, then the time from a reply's
# arrival to its decision with IMAP IDLE. Runs the whole application on a fresh PostgreSQL database
# (COUNTERSIGN_TEST_DB_URL, a JDBC URL whose user may create databases) against an in-process IMAPS
# server. Arguments: backlog size (default 1000), timed replies (default 200). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

export COUNTERSIGN_TEST_DB_URL="${COUNTERSIGN_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null

java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
  io.countersign.mail.internal.inbound.MailRepliesBenchmark "${1:-1000}" "${2:-200}"
