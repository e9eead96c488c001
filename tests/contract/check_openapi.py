#!/usr/bin/env python3
"""Contract test: every documented operation is called on a real `rightsdesk serve`, and every
answer's status must be documented for it and its body must match the documented schema
(docs/openapi.json, OpenAPI 3.1 / JSON Schema 2020-12). The server must also serve the very same
description at /api/v1/openapi.json.

usage: check_openapi.py RIGHTSDESK_BINARY OPENAPI_JSON
"""
import base64
import datetime
import http.client
import json
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import time

import jsonschema
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

BINARY, SPEC_PATH = sys.argv[1], sys.argv[2]
SPEC = json.loads(pathlib.Path(SPEC_PATH).read_text(encoding="utf-8"))
checked = set()
failures = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None, token=None, content_type="application/json",
         template=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {}
    if body is not None:
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    payload = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    raw = response.read()
    media = response.getheader("Content-Type", "").split(";")[0].strip()
    conn.close()
    check(template or path.split("?")[0], method.lower(), response.status, media, raw)
    return response.status, (json.loads(raw) if media.endswith("json") else raw.decode())


def check(template, method, status, media, raw):
    operation = SPEC["paths"].get(template, {}).get(method)
    where = f"{method.upper()} {template} -> {status}"
    if operation is None:
        failures.append(f"{where}: operation not documented")
        return
    documented = operation["responses"].get(str(status))
    if documented is None:
        failures.append(f"{where}: status not documented")
        return
    checked.add((template, method))
    content = documented.get("content", {})
    if not content and not raw:
        return  # documented as an answer with no body (the DRP key setup's refusal)
    if media not in content:
        failures.append(f"{where}: media type {media!r} not documented ({list(content)})")
        return
    if not media.endswith("json"):
        return
    schema = dict(content[media]["schema"])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["components"] = SPEC["components"]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(raw)))
    for error in errors[:3]:
        failures.append(f"{where}: {error.message} at {list(error.absolute_path)}")


def main():
    data = tempfile.mkdtemp(prefix="rightsdesk-contract-")
    subprocess.run([BINARY, "init", "--data", data], check=True, capture_output=True)
    tokens = {}
    for role in ("staff", "auditor", "admin"):
        out = subprocess.run([BINARY, "token", "create", "--data", data, "--role", role,
                              "--name", role], check=True, capture_output=True, text=True)
        tokens[role] = out.stdout.strip()
    agents = {}
    for agent in ("AGENT_A", "AGENT_B"):
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
        subprocess.run([BINARY, "agent", "add", "--data", data, "--id", agent, "--name", agent,
                        "--email", f"{agent.lower()}@agents.example", "--verify-key",
                        base64.b64encode(public).decode()], check=True, capture_output=True)
        agents[agent] = key
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--data", data, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        exercise(port, tokens["staff"], tokens["auditor"])
        exercise_rules(port, tokens["staff"], tokens["auditor"], tokens["admin"])
        exercise_drp(port, agents)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if server.returncode != 0:
        failures.append(f"serve exited with {server.returncode} on SIGTERM")
    documented = {(p, m) for p, ops in SPEC["paths"].items() for m in ops}
    for path, method in sorted(documented - checked):
        failures.append(f"{method.upper()} {path}: documented but never exercised")
    for failure in failures:
        print("FAIL", failure)
    print(f"contract: {len(checked)} operations checked against docs/openapi.json")
    return 1 if failures else 0


def exercise(port, staff, auditor):
    status, spec = call(port, "GET", "/api/v1/openapi.json")
    if spec != SPEC:
        failures.append("/api/v1/openapi.json differs from docs/openapi.json")
    call(port, "GET", "/healthz")
    call(port, "GET", "/metrics")
    status, receipt = call(port, "POST", "/api/v1/requests",
                           {"type": "access", "subject": {"email": "ana@example.com",
                                                         "name": "Ana Núñez"}})
    assert status == 201, receipt
    rid = receipt["id"]
    status_template = "/api/v1/status/{id}/{token}"
    assert receipt["status_url"].startswith(f"/privacy/status/{rid}/rds_"), receipt
    call(port, "GET", receipt["status_url"].replace("/privacy/status/", "/api/v1/status/", 1),
         template=status_template)
    call(port, "GET", f"/api/v1/status/{rid}/rds_" + "0" * 64, template=status_template)
    call(port, "POST", "/api/v1/requests", {"type": "erase", "subject": {"email": "a@b.co"}})
    call(port, "POST", "/api/v1/requests", "{not json")
    call(port, "POST", "/api/v1/requests", "x", content_type="text/plain")
    call(port, "POST", "/api/v1/requests", " " * (70 * 1024))
    call(port, "GET", "/api/v1/requests", token=staff)
    call(port, "GET", "/api/v1/requests?status=open", token=staff)
    call(port, "GET", "/api/v1/requests")
    item = "/api/v1/requests/{id}"
    call(port, "GET", f"/api/v1/requests/{rid}", token=auditor, template=item)
    call(port, "GET", "/api/v1/requests/RD-2026-99999", token=auditor, template=item)
    call(port, "GET", f"/api/v1/requests/{rid}", template=item)
    verification = "/api/v1/requests/{id}/verification"
    status, view = call(port, "GET", f"/api/v1/requests/{rid}/verification", token=auditor,
                        template=verification)
    assert status == 200 and view["level"] == "reasonably_high", view
    call(port, "GET", "/api/v1/requests/RD-2026-99999/verification", token=auditor,
         template=verification)
    call(port, "GET", f"/api/v1/requests/{rid}/verification", template=verification)
    for action, good, bad in [
            ("transitions", {"to": "verified", "reason": "3 points"}, {"to": "completed", "reason": "x"}),
            ("extend", {"reason": "many systems"}, {"reason": "again"}),
            ("notes", {"note": "called back"}, {"note": ""}),
            ("assign", {"assignee": "bob"}, {"assignee": 7})]:
        template = f"/api/v1/requests/{{id}}/{action}"
        path = f"/api/v1/requests/{rid}/{action}"
        call(port, "POST", path, good, token=staff, template=template)
        call(port, "POST", path, bad, token=staff, template=template)
        call(port, "POST", path, good, token=auditor, template=template)
    call(port, "GET", "/api/v1/audit/verify", token=auditor)
    call(port, "GET", "/api/v1/audit/verify", token=staff)
    metrics = "/api/v1/reports/metrics"
    status, report = call(port, "GET", f"{metrics}?year=2026", token=auditor, template=metrics)
    assert status == 200 and len(report["groups"]) == 6, report
    call(port, "GET", f"{metrics}?year=26", token=staff, template=metrics)
    call(port, "GET", f"{metrics}?year=1999", token=staff, template=metrics)
    call(port, "GET", f"{metrics}?year=2026", template=metrics)
    # The consumer's survey: refused while open, a bad score, answered once, a wrong link.
    feedback = "/api/v1/status/{id}/{token}/feedback"
    status, closing = call(port, "POST", "/api/v1/requests",
                           {"type": "delete", "subject": {"email": "eva@example.com"}})
    assert status == 201, closing
    fid, ftoken = closing["id"], closing["status_url"].rsplit("/", 1)[1]
    fpath = f"/api/v1/status/{fid}/{ftoken}/feedback"
    status, _ = call(port, "POST", fpath, {"score": 4}, template=feedback)
    assert status == 409, status
    status, _ = call(port, "POST", f"/api/v1/requests/{fid}/transitions",
                     {"to": "withdrawn", "reason": "asked to"}, token=staff,
                     template="/api/v1/requests/{id}/transitions")
    assert status == 200, status
    call(port, "POST", fpath, {"score": 9}, template=feedback)
    call(port, "POST", fpath, "x", content_type="text/plain", template=feedback)
    status, answer = call(port, "POST", fpath, {"score": 4, "comment": "quick"}, template=feedback)
    assert status == 201, answer
    status, _ = call(port, "POST", fpath, {"score": 4}, template=feedback)
    assert status == 409, status
    call(port, "POST", f"/api/v1/status/{fid}/rds_" + "0" * 64 + "/feedback", {"score": 4},
         template=feedback)
    dashboards = "/api/v1/reports/dashboards"
    status, report = call(port, "GET", dashboards, token=staff)
    assert status == 200 and len(report["volume"]) == 12 and len(report["stages"]) == 5, report
    status, report = call(port, "GET", f"{dashboards}?from=2026-01-01&to=2026-03-01",
                          token=auditor, template=dashboards)
    assert status == 200 and report["volume"][0]["week"] == "2026-W01", report
    call(port, "GET", f"{dashboards}?weeks=105", token=staff, template=dashboards)
    call(port, "GET", dashboards)
    reports = "/api/v1/reports/feedback"
    status, report = call(port, "GET", reports, token=auditor)
    assert status == 200 and report["answers"] == 1, report
    call(port, "GET", reports)
    records = "/api/v1/reports/records"
    period = f"{records}?from=2026-01-01&to=2100-01-01"
    status, report = call(port, "GET", period, token=auditor, template=records)
    assert status == 200 and report["count"] >= 1, report
    status, _ = call(port, "GET", period + "&format=csv", token=auditor, template=records)
    assert status == 200
    call(port, "GET", period, token=staff, template=records)
    call(port, "GET", f"{records}?from=2026-02-30&to=2027-01-01", token=auditor, template=records)
    call(port, "GET", period)
    training = "/api/v1/reports/training"
    status, trained = call(port, "GET", training, token=auditor)
    assert status == 200 and trained["records"] == [], trained
    status, _ = call(port, "GET", training + "?format=csv&staff=alice", token=auditor,
                     template=training)
    assert status == 200
    call(port, "GET", training + "?format=xml", token=auditor, template=training)
    call(port, "GET", training, token=staff)
    call(port, "GET", training)
    record = "/api/v1/requests/{id}/record"
    status, one = call(port, "GET", f"/api/v1/requests/{rid}/record", token=auditor,
                       template=record)
    assert status == 200 and one["reference"] == report["records"][0]["reference"], one
    call(port, "GET", f"/api/v1/requests/{rid}/record", token=staff, template=record)
    call(port, "GET", "/api/v1/requests/RD-2026-99999/record", token=auditor, template=record)
    call(port, "GET", f"/api/v1/requests/{rid}/record", template=record)
    for _ in range(25):  # past the default intake limit of 20 at once
        status, _ = call(port, "POST", "/api/v1/requests",
                         {"type": "opt_out", "subject": {"email": "x@example.com"}})
        if status == 429:
            break


def exercise_rules(port, staff, auditor, admin):
    """The rule set and its review checklist (docs/rules.md)."""
    status, rules = call(port, "GET", "/api/v1/rules?at=2024-07-01", token=auditor,
                         template="/api/v1/rules")
    assert status == 200 and rules["at"] == "2024-07-01" and rules["changes"], rules
    assert any(r["jurisdiction"] == "US-TX" for r in rules["rules"]), rules["rules"]
    call(port, "GET", "/api/v1/rules", token=staff)
    call(port, "GET", "/api/v1/rules?at=July", token=staff, template="/api/v1/rules")
    call(port, "GET", "/api/v1/rules")
    reviews = "/api/v1/reviews"
    item = {"kind": "legal", "title": "CPPA regulations amendments 2026",
            "owner": "counsel@example.com", "due_on": "2026-12-31",
            "source": "https://cppa.ca.gov/regulations/"}
    status, added = call(port, "POST", reviews, item, token=admin)
    assert status == 201 and added["status"] == "open", added
    call(port, "POST", reviews, item, token=staff)
    call(port, "POST", reviews, dict(item, owner="two words"), token=admin)
    call(port, "POST", reviews, "{not json", token=admin)
    call(port, "POST", reviews, "x", token=admin, content_type="text/plain")
    call(port, "POST", reviews, item)
    status, listed = call(port, "GET", f"{reviews}?status=open", token=auditor, template=reviews)
    assert status == 200 and len(listed["items"]) == 1, listed
    call(port, "GET", f"{reviews}?status=closed", token=auditor, template=reviews)
    call(port, "GET", reviews)
    done = "/api/v1/reviews/{id}/done"
    path = f"/api/v1/reviews/{added['id']}/done"
    call(port, "POST", path, {"note": "checked"}, token=staff, template=done)
    call(port, "POST", path, {"note": ""}, token=admin, template=done)
    status, finished = call(port, "POST", path, {"note": "No change needed"}, token=admin,
                            template=done)
    assert status == 200 and finished["status"] == "done", finished
    call(port, "POST", path, {"note": "again"}, token=admin, template=done)
    call(port, "POST", "/api/v1/reviews/999/done", {"note": "x"}, token=admin, template=done)
    call(port, "POST", path, "{not json", token=admin, template=done)
    call(port, "POST", path, "x", token=admin, content_type="text/plain", template=done)
    call(port, "POST", path, {"note": "x"}, template=done)


def drp_signed(key, message):
    """What an authorized agent sends: base64(Ed25519 signature + JSON), libsodium's combined mode."""
    body = json.dumps(message).encode()
    return base64.b64encode(key.sign(body) + body).decode()


def drp_envelope(agent):
    now = datetime.datetime.now(datetime.timezone.utc)
    return {"agent-id": agent, "business-id": "RIGHTSDESK", "drp.version": "1.0",
            "issued-at": now.isoformat(),
            "expires-at": (now + datetime.timedelta(minutes=5)).isoformat()}


def exercise_drp(port, agents):
    pair = "/v1/agent/{agent-id}"
    text = "text/plain"
    tokens = {}
    for agent, key in agents.items():
        status, paired = call(port, "POST", f"/v1/agent/{agent}", drp_signed(key, drp_envelope(agent)),
                              content_type=text, template=pair)
        assert status == 200, paired
        tokens[agent] = paired["token"]
    a, b = tokens["AGENT_A"], tokens["AGENT_B"]
    call(port, "POST", "/v1/agent/AGENT_A", drp_signed(agents["AGENT_B"], drp_envelope("AGENT_A")),
         content_type=text, template=pair)
    call(port, "GET", "/v1/agent/AGENT_A", token=a, template=pair)
    call(port, "GET", "/v1/agent/AGENT_A", token=b, template=pair)
    call(port, "GET", "/v1/agent/AGENT_A", template=pair)
    exercise = "/v1/data-rights-request"
    message = dict(drp_envelope("AGENT_A"), **{"exercise": "deletion", "regime": "ccpa",
                                               "email": "drp@example.com", "name": "Dee Arpee"})
    signed = drp_signed(agents["AGENT_A"], message)
    status, state = call(port, "POST", exercise, signed, token=a, content_type=text)
    assert status == 200, state
    call(port, "POST", exercise, signed, token=a, content_type=text)  # a replay: 409
    call(port, "POST", exercise, "not base64!", token=a, content_type=text)
    call(port, "POST", exercise, drp_signed(agents["AGENT_B"], message), token=a, content_type=text)
    call(port, "POST", exercise, signed, content_type=text)
    item = "/v1/data-rights-request/{request_id}"
    path = f"{exercise}/{state['request_id']}"
    call(port, "GET", path, token=a, template=item)
    call(port, "GET", path, token=b, template=item)
    call(port, "GET", path, template=item)
    call(port, "GET", f"{exercise}/nope", token=a, template=item)
    revoke = drp_signed(agents["AGENT_A"], {"reason": "changed my mind"})
    call(port, "DELETE", path, "not base64!", token=a, content_type=text, template=item)
    call(port, "DELETE", path, revoke, token=b, content_type=text, template=item)
    call(port, "DELETE", path, revoke, content_type=text, template=item)
    call(port, "DELETE", f"{exercise}/nope", revoke, token=a, content_type=text, template=item)
    status, revoked = call(port, "DELETE", path, revoke, token=a, content_type=text, template=item)
    assert status == 200 and revoked["status"] == "revoked", revoked
    call(port, "DELETE", path, drp_signed(agents["AGENT_A"], {}), token=a, content_type=text,
         template=item)  # already closed: 409


if __name__ == "__main__":
    sys.exit(main())
