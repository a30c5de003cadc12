#!/usr/bin/env bash
# Approving by mail: a backlog of replies decided from an IMAPS folder, then the time from a reply's
# arrival to its decision with IMAP IDLE. Runs the whole application on a fresh PostgreSQL database
# (COUNTERSIGN_TEST_DB_URL, a JDBC URL whose user may create databases) against an in-process IMAPS
# server; first the same backlog decided by a stand-in decider (the reader alone, for scale), then
# with the application's own decider. Each figure is printed with the machine's load average.
# Arguments: backlog size (default 1000), timed replies (default 200). See BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

export COUNTERSIGN_TEST_DB_URL="${COUNTERSIGN_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test >/dev/null

classpath="target/test-classes:target/classes:$(cat target/cp.txt)"
java -Xmx1g -cp "$classpath" io.countersign.mail.internal.inbound.MailReaderBenchmark "${1:-1000}"
java -Xmx1g -cp "$classpath" io.countersign.mail.internal.inbound.MailRepliesBenchmark "${1:-1000}" "${2:-200}"
