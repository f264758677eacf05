#!/usr/bin/env python3
"""When a service read each request and when it answered, from Reactor Netty's access log.

    dev/benchmarks/access-timeline.py <service>.log <path substring> <HH:MM:SS>

Start the stack with the access log on in every service
(`SERVICE_JVM_OPTIONS="… -Dreactor.netty.http.server.accessLogEnabled=true" dev/local-stack/run`; it costs CPU
itself, so read the times, not the rates), then give a service's log (`<data>/logs/gateway.log`), a path (e.g.
`create-payment`) and the UTC time the load started. Each access line is logged when the answer is sent, with its
duration, so a request was read at (log time - duration). Per status: how many; when they were read and answered,
in seconds after the first was read (first, median, last); and their durations (p50, p90, p99).
"""
import datetime
import re
import sys

LINE = re.compile(r'^(\S+)Z .*AccessLog\s*:.*"(\w+) (\S+) [^"]*" (\d+) \S+ (\d+)')


def quantile(values, share):
    return values[min(len(values) - 1, int(share * len(values)))]


def main(log, path, since):
    rows = []
    with open(log, errors='replace') as lines:
        for line in lines:
            match = LINE.search(line)
            if not match or path not in match.group(3):
                continue
            answered = datetime.datetime.fromisoformat(match.group(1))
            if answered.strftime('%H:%M:%S') < since:
                continue
            took = int(match.group(5)) / 1000
            rows.append((answered.timestamp() - took, answered.timestamp(), int(match.group(4))))
    if not rows:
        sys.exit(f'no access lines for {path} after {since} in {log}')
    first = min(row[0] for row in rows)
    for status in sorted({row[2] for row in rows}):
        these = [row for row in rows if row[2] == status]
        read = sorted(row[0] - first for row in these)
        answered = sorted(row[1] - first for row in these)
        took = sorted(row[1] - row[0] for row in these)
        print(f'{status}: {len(these)} requests, read at {read[0]:.2f} / {quantile(read, .5):.2f} / {read[-1]:.2f} s, '
              f'answered at {answered[0]:.2f} / {quantile(answered, .5):.2f} / {answered[-1]:.2f} s, took p50 '
              f'{quantile(took, .5):.2f} p90 {quantile(took, .9):.2f} p99 {quantile(took, .99):.2f} s')
    print('first read at', datetime.datetime.fromtimestamp(first, datetime.timezone.utc).strftime('%H:%M:%S.%f'))


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
