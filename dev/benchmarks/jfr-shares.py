#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went: by thread, by library, and under which of our own methods.

    dev/benchmarks/jfr-shares.py /tmp/ticket-service.jfr [more.jfr ...]

Reads `jdk.ExecutionSample` events with the JDK's `jfr` tool (from JAVA_HOME, else PATH). Each sample is counted
once: under its thread (digits in thread names folded, so the event-loop threads add up), under the first library
its stack meets walking out from the innermost frame (the JDK's collections and strings count for their caller),
and under each of our (dev.ticketpay) methods on its stack.
JFR keeps 64 frames per stack by default, so the outer frames of deep Reactor stacks are missing: the library
shares say what code the CPU ran, not on whose behalf.
"""
import collections
import os
import re
import subprocess
import sys

# first match wins, innermost frame first; the order puts specific libraries before the frameworks they run under
LIBRARIES = [
    ("JWT: Nimbus, RSA", r"com\.nimbusds|java\.math\.BigInteger|sun\.security\.rsa|java\.security\.Signature"),
    ("observations, tracing", r"io\.micrometer\.(observation|tracing)|io\.opentelemetry|micrometer\.tracing"),
    ("context propagation", r"io\.micrometer\.context|reactor\.core\.publisher\.ContextPropagation"),
    ("logging", r"ch\.qos\.logback|org\.slf4j|org\.apache\.commons\.logging"),
    ("JSON: Jackson", r"tools\.jackson|com\.fasterxml\.jackson"),
    ("Kafka clients, broker", r"org\.apache\.kafka|kafka\."),
    ("R2DBC PostgreSQL driver", r"io\.r2dbc\.postgresql"),
    ("R2DBC pool, Spring R2DBC", r"io\.r2dbc\.pool|org\.springframework\.r2dbc|org\.springframework\.data\.r2dbc"),
    ("Spring Security", r"org\.springframework\.security"),
    ("Spring Cloud Gateway", r"org\.springframework\.cloud\.gateway"),
    ("Spring WebFlux, HTTP", r"org\.springframework\.(web|http)"),
    ("Reactor Netty", r"reactor\.netty"),
    ("Netty", r"io\.netty"),
    ("Reactor core", r"reactor\.core"),
    ("ours (dev.ticketpay)", r"dev\.ticketpay\."),
]
JDK = re.compile(r"^(java|javax|jdk|sun)\.")
COMPILED = [(name, re.compile(pattern)) for name, pattern in LIBRARIES]
FRAME = re.compile(r"^\s+([\w$.<>]+)\(", re.M)
THREAD = re.compile(r'sampledThread = "([^"]*)"')


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return "jfr"


def samples(recording):
    printed = subprocess.run([jfr_tool(), "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64",
                              recording], check=True, capture_output=True, text=True).stdout
    for event in printed.split("jdk.ExecutionSample")[1:]:
        thread = THREAD.search(event)
        yield (re.sub(r"\d+", "N", thread.group(1)) if thread else "?"), FRAME.findall(event)


def library(frames):
    """The first library met walking out from the innermost frame; the JDK's own classes (collections, strings)
    count for whoever called them, and as "JDK" only when nothing else is on the stack."""
    for frame in frames:
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    return "JDK" if any(JDK.search(frame) for frame in frames) else "other"


def table(title, counter, total, rows):
    print(f"\n{title}")
    for name, count in counter.most_common(rows):
        print(f"{count:7d} {100.0 * count / total:6.1f} %  {name}")


def main(recordings):
    if not recordings:
        sys.exit(__doc__)
    for recording in recordings:
        threads, libraries, ours = collections.Counter(), collections.Counter(), collections.Counter()
        total = 0
        for thread, frames in samples(recording):
            total += 1
            threads[thread] += 1
            libraries[library(frames)] += 1
            for method in {frame for frame in frames if frame.startswith("dev.ticketpay.")}:
                ours[method] += 1
        print(f"== {recording}: {total} CPU samples")
        if total == 0:
            continue
        table("by thread", threads, total, 8)
        table("by library, the first one out from the innermost frame", libraries, total, len(LIBRARIES) + 1)
        table("our methods on the stacks (a sample counts for each)", ours, total, 15)


if __name__ == "__main__":
    main(sys.argv[1:])
