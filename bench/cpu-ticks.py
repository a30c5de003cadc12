#!/usr/bin/env python3
"""CPU ticks used so far on this host, one "group<TAB>ticks" line per thread or process.

The service's threads (argument: its pid) are grouped by what they do; the time of its threads that
have ended is one group of its own, read from the process's total, which keeps the time of every
thread it ever had (the JVM stops compiler threads it started for a long compile queue once they are
idle, and Tomcat its surplus request threads). Every PostgreSQL process of the host is one group. A
PostgreSQL process that has ended (an autovacuum worker, a backend whose connection closed) is
counted through the postmaster's children's time, so that the difference of two snapshots misses
none of them. Used by db-cost.sh and compare.sh; one call, so that taking a snapshot costs the host
little.
"""
import glob
import subprocess
import sys


def stat_fields(path):
    with open(path) as f:
        return f.read().rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, ... as in proc(5)


def ticks(fields):
    return int(fields[11]) + int(fields[12])  # utime and stime, fields 14 and 15 of proc(5)


def waited_children_ticks(fields):
    return int(fields[13]) + int(fields[14])  # cutime and cstime, fields 16 and 17 of proc(5)


def group(comm):
    if comm.startswith("http-nio-"):
        return "service: request threads"
    if comm.startswith(("C1 Compiler", "C2 Compiler")):
        return "service: JIT compiler"
    if comm.startswith(("G1", "GC Thread")):
        return "service: garbage collector"
    return "service: other threads (sealer, outbox, listeners, timers)"


running = 0
for task in glob.glob(f"/proc/{sys.argv[1]}/task/*"):
    try:
        with open(f"{task}/comm") as f:
            used = ticks(stat_fields(task + "/stat"))
            print(f"{group(f.read().strip())}\t{used}")
            running += used
    except OSError:
        pass  # the thread ended meanwhile, and is counted below
print(f"service: threads that have ended\t{ticks(stat_fields(f'/proc/{sys.argv[1]}/stat')) - running}")

pids = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout.split()
for pid in pids:
    try:
        fields = stat_fields(f"/proc/{pid}/stat")
    except OSError:
        continue
    used = ticks(fields)
    if fields[1] not in pids:  # the postmaster: its parent is not a PostgreSQL process
        used += waited_children_ticks(fields)
    print(f"PostgreSQL\t{used}")
