#!/usr/bin/env python3
"""Takes in demo requests for the Chinook sample customers through the real CLI, and works some
of them along, so that a fresh installation has a realistic queue. Usage:
    load_demo.py RIGHTSDESK_BINARY DATA_DIR CUSTOMERS_CSV
The data directory must already hold the demo's data map and its Chinook database (run.sh copies
them), since two requests are fulfilled through them.
"""
import csv
import re
import subprocess
import sys

TYPES = ["access", "delete", "opt_out", "categories", "correct", "limit"]
EU = {"Germany", "France", "Portugal", "Italy", "Spain", "Netherlands", "Belgium", "Austria",
      "Denmark", "Finland", "Ireland", "Poland", "Sweden", "Czech Republic", "Hungary", "Norway"}
US_STATES = {"CA": "US-CA", "VA": "US-VA", "CO": "US-CO", "CT": "US-CT", "UT": "US-UT",
             "TX": "US-TX", "OR": "US-OR"}


def run(binary, *args):
    result = subprocess.run([binary, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"load_demo: {' '.join(args[:2])} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def jurisdiction(row):
    if row["Country"] == "USA":
        return US_STATES.get(row["State"], "US-CA")
    return "EU" if row["Country"] in EU else "US-CA"


def main():
    binary, data, customers = sys.argv[1:4]
    references = []
    with open(customers, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            kind = TYPES[i % len(TYPES)]
            out = run(binary, "request", "submit", "--data", data, "--type", kind,
                      "--email", row["Email"], "--name", f'{row["FirstName"]} {row["LastName"]}',
                      "--phone", row["Phone"] or "",
                      "--address", f'{row["Address"]}, {row["City"]}',
                      "--jurisdiction", jurisdiction(row),
                      "--channel", ["web", "email", "api", "phone"][i % 4])
            references.append(out.split()[0])
    # Work a few along so the queue shows several stages. The categories and correct requests are
    # verified by matching their data points against Chinook (docs/verification.md: name and
    # address count as they match; email and phone would once confirmed by a code); the others
    # as staff recorded it by hand.
    for ref in references[0:6]:
        if ref in references[3:5]:
            run(binary, "request", "verify", ref, "--data", data, "--match")
            continue
        run(binary, "request", "transition", ref, "--data", data, "--to", "verified",
            "--reason", "Identity matched against customer records")
    for ref in references[0:3]:
        run(binary, "request", "transition", ref, "--data", data, "--to", "in_progress",
            "--reason", "Fulfilment started")
    run(binary, "request", "extend", references[0], "--data", data,
        "--reason", "Data held in several systems; more time is needed to collect it")
    # Fulfil two through the data map (docs/fulfilment.md): the access request gets its package,
    # the deletion is planned, approved by its digest, executed, proved and certified.
    run(binary, "fulfil", "package", references[0], "--data", data)
    plan = run(binary, "fulfil", "erase-plan", references[1], "--data", data)
    digest = re.search(r"--approve ([0-9a-f]{16})", plan).group(1)
    print(run(binary, "fulfil", "erase", references[1], "--data", data, "--approve", digest))
    run(binary, "request", "transition", references[1], "--data", data, "--to", "completed",
        "--reason", "Deletion done in all systems; erasure certificate issued")
    # The opt-out goes on the preference ledger and to the third parties we share with.
    run(binary, "fulfil", "honor", references[2], "--data", data)
    run(binary, "request", "transition", references[2], "--data", data, "--to", "completed",
        "--reason", "Opt-out recorded and passed on")
    print(f"load_demo: {len(references)} demo requests taken in")


if __name__ == "__main__":
    main()
