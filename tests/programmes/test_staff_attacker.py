"""The threat model of docs/programmes.md, played as the attacker, on SQLite and PostgreSQL.

A fresh database and a real HTTP server run the staff survey in a separate process
(staff_attack_scenario.py): 30 staff answer in a known order, 10 of them signed in and 20 by
invitation link, with a reminder after the 15th; 9 others answer a second wave that never
reaches k = 10. Each writes a unique planted comment. The attacker then has what the threat
model gives them: every table with its row versions (xmin) and physical order (ctid, rowid),
the raw database files (dead rows included), the write-ahead log (the SQLite -wal file,
copied while another connection kept every frame; PostgreSQL's WAL segments through
pg_read_binary_file), the server's log, the mail log and SECRET_KEY with the staff list (so
they can compute everyone's participation key).

Each linkage is tried as a guess of who gave each response; a guess by chance within a
batch of 10 is right about 3 times in 30. The test fails if any attack gets more than
MAX_CORRECT right, if any of the 9 planted comments can be found anywhere, or if the log
or reminders give away what they used to. Run against the code before issue 14, every
one of these attacks linked all or nearly all 30 (docs/programmes.md, "Tested").
"""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from programme_data import mail_tokens

from tests.postgres_server import PG_SERVER, fresh_database

SCENARIO = Path(__file__).with_name("staff_attack_scenario.py")
MAX_CORRECT = 9  # of 30: chance gives about 3 (1 in 10); P(10 or more by chance) < 0.001
PG_NAME = "eng_iss14"


def _run_scenario(out: Path, database_url: str | None) -> str:
    env = {**os.environ, "DJANGO_VAR_DIR": str(out / "var"), "ENGAGEMENT_BALLOT_KEY_DIR": str(out / "keys"),
           "ENGAGEMENT_JOB_RUNNER": "inline"}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run([sys.executable, str(SCENARIO), str(out)], check=False, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout + done.stderr  # the server's log: runserver's request lines and any errors


class Evidence:
    """Everything the attacker holds after the run."""

    def __init__(self, out: Path, log: str):
        self.truth = json.loads((out / "truth.json").read_text())
        self.log = log
        self.mail = "".join(p.read_text() for p in sorted((out / "mail").glob("*.log")))
        self.tokens = mail_tokens(out / "mail")
        self.wal = b""  # write-ahead log, in order
        self.files = b""  # raw database files
        self.tables: dict[str, list[dict]] = {}  # rows in physical order, with xmin where there is one


def _sqlite_evidence(out: Path, log: str) -> Evidence:
    evidence = Evidence(out, log)
    raw = out / "raw"
    evidence.files = (raw / "engagement.sqlite3").read_bytes()
    evidence.wal = (raw / "engagement.sqlite3-wal").read_bytes()
    db = sqlite3.connect(raw / "engagement.sqlite3")  # reads the copied -wal too
    db.row_factory = sqlite3.Row
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        try:
            rows = db.execute(f'SELECT rowid AS "_order", * FROM "{table}" ORDER BY rowid').fetchall()
        except sqlite3.OperationalError:  # WITHOUT ROWID tables have no physical order to read
            continue
        evidence.tables[table] = [dict(row) for row in rows]
    db.close()
    return evidence


def _pg_evidence(out: Path, log: str, first_segment: str) -> Evidence:
    evidence = Evidence(out, log)
    with psycopg.connect(f"{PG_SERVER}/{PG_NAME}", autocommit=True) as db:
        current = db.execute("SELECT pg_walfile_name(pg_current_wal_lsn())").fetchone()[0]
        segments = [name for (name,) in db.execute(
            "SELECT name FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' AND name BETWEEN %s AND %s "
            "ORDER BY name", (first_segment, current))]
        evidence.wal = b"".join(bytes(db.execute("SELECT pg_read_binary_file(%s)", (f"pg_wal/{name}",))
                                      .fetchone()[0]) for name in segments)
        tables = [name for (name,) in db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        files = []
        for table in tables:
            rows = db.execute(f'SELECT ctid::text, xmin::text, row_to_json(t)::text FROM "{table}" t ORDER BY ctid')
            evidence.tables[table] = [{**json.loads(row), "_order": ctid, "_xmin": int(xmin)}
                                      for ctid, xmin, row in rows]
            for (path,) in db.execute(
                    "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = %s::regclass "
                    "OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = %s::regclass)", (table, table)):
                if path:
                    db.execute("CHECKPOINT")  # dead rows included: what the data files hold now
                    files.append(bytes(db.execute("SELECT pg_read_binary_file(%s)", (path,)).fetchone()[0]))
        evidence.files = b"".join(files)
    return evidence


def _fresh_pg_database() -> str:
    with fresh_database(PG_NAME) as server:
        # A slot keeps every WAL segment from here on: without it a checkpoint during the run may
        # recycle the early segments, and the attacker (reading an archive) would hold more than we do.
        if not server.execute("SELECT 1 FROM pg_replication_slots WHERE slot_name = %s", (PG_NAME,)).fetchone():
            server.execute("SELECT pg_create_physical_replication_slot(%s, true)", (PG_NAME,))
        return server.execute("SELECT pg_walfile_name(pg_current_wal_lsn())").fetchone()[0]


def _drop_wal_slot():
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
        server.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = %s",
                       (PG_NAME,))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def evidence(request, tmp_path_factory):
    if request.param == "sqlite":
        out = tmp_path_factory.mktemp("attack-sqlite")
        return _sqlite_evidence(out, _run_scenario(out, None))
    for _ in range(2):
        # A run whose WAL lacks a planted comment in plain bytes (seen twice in long suite runs,
        # cause not yet found) would leave the attacks nothing to find: play the run again.
        out = tmp_path_factory.mktemp(f"attack-{request.param}")
        first_segment = _fresh_pg_database()
        try:
            evidence = _pg_evidence(out, _run_scenario(out, f"{PG_SERVER}/{PG_NAME}"), first_segment)
        finally:
            _drop_wal_slot()
        if _every_comment_in_wal(evidence):
            break
    return evidence


def _wave(evidence, slug="staff-survey"):
    return evidence.truth["waves"][slug]


def _responses(evidence, slug="staff-survey") -> list[dict]:
    """The wave's released responses, in physical order."""
    survey_id = _wave(evidence, slug)["survey_id"]
    rows = [r for r in evidence.tables["surveys_response"] if r["survey_id"] == survey_id]
    for row in rows:
        row["answers"] = json.loads(row["answers"]) if isinstance(row["answers"], str) else row["answers"]
    return rows


def _every_comment_in_wal(evidence) -> bool:
    return all(p["planted"].encode() in evidence.wal for p in _wave(evidence)["arrivals"])


def _correct(guesses: dict[str, str], arrivals) -> int:
    """How many responses (by planted comment) were given to the right person."""
    return sum(guesses.get(person["planted"]) == person["email"] for person in arrivals)


def test_all_thirty_answers_are_released_and_readable(evidence):
    """The attacks below look for these comments: they are there to find (the test can fail)."""
    arrivals = _wave(evidence)["arrivals"]
    assert len(arrivals) == 30 and sum(p["signed_in"] for p in arrivals) == 10
    assert sorted(r["answers"]["edi_improve"] for r in _responses(evidence)) == sorted(p["planted"] for p in arrivals)
    assert _every_comment_in_wal(evidence)


def test_the_write_ahead_log_does_not_pair_a_participant_with_their_answers(evidence):
    """Each person's participation key first appears in the log in the transaction that
    recorded them. Two guesses for each comment: the person whose key first appears nearest
    to any copy of it (drafts, response, anything), and the first person recorded after the
    comment first appears (answers are written before, or with, the participation)."""
    arrivals = _wave(evidence)["arrivals"]
    for blob, name in ((evidence.wal, "WAL"), (evidence.wal + evidence.files, "WAL and data files")):
        first = {p["email"]: blob.find(p["key"].encode()) for p in arrivals}
        assert all(offset >= 0 for offset in first.values())  # every participant is visible
        nearest, next_recorded = {}, {}
        for person in arrivals:
            copies = [m.start() for m in re.finditer(re.escape(person["planted"].encode()), blob)]
            nearest[person["planted"]] = min(first, key=lambda email: min(abs(c - first[email]) for c in copies))
            later = [email for email in first if first[email] > copies[0]]
            next_recorded[person["planted"]] = min(later, key=first.get) if later else None
        for strategy, guesses in (("nearest key", nearest), ("next key recorded", next_recorded)):
            correct = _correct(guesses, arrivals)
            print(f"{name}, {strategy}: linked {correct} of 30")
            assert correct <= MAX_CORRECT, f"{name}, {strategy}: {correct} of 30 linked"


def test_row_order_and_row_versions_do_not_follow_arrival_order(evidence):
    """Guess that the responses, in order of row version then physical place, came in the
    order people took part (which the attacker knows, e.g. from the log)."""
    arrivals = _wave(evidence)["arrivals"]
    responses = sorted(_responses(evidence), key=lambda r: (r.get("_xmin", 0), _place(r["_order"])))
    guesses = {r["answers"]["edi_improve"]: p["email"] for r, p in zip(responses, arrivals, strict=True)}
    correct = _correct(guesses, arrivals)
    print(f"row order and xmin linked {correct} of 30")
    assert correct <= MAX_CORRECT
    assert len({r["submitted_on"] for r in responses}) == 1  # dated by release, one day here
    if "_xmin" in responses[0]:  # PostgreSQL: one row version per released batch of 10
        assert len({r["_xmin"] for r in responses}) == 3


def _place(order) -> tuple:
    return tuple(int(part) for part in str(order).strip("()").split(",")) if isinstance(order, str) else (order,)


def test_signed_in_staff_leave_no_row_version_next_to_their_answers(evidence):
    """Signing in writes the user row (last_login) and a session. Guess that each response
    belongs to the signed-in person whose user row's row version is nearest its own."""
    if "_xmin" not in evidence.tables["engagement_user"][0]:
        pytest.skip("SQLite keeps no row versions (its log is attacked above)")
    arrivals = [p for p in _wave(evidence)["arrivals"] if p["signed_in"]]
    users = {u["email"]: u["_xmin"] for u in evidence.tables["engagement_user"] if u["email"] in
             {p["email"] for p in arrivals}}
    guesses = {r["answers"]["edi_improve"]: min(users, key=lambda e: abs(users[e] - r["_xmin"]))
               for r in _responses(evidence)}
    correct = _correct(guesses, arrivals)
    print(f"user row xmin linked {correct} of 10 signed-in staff")
    assert correct <= 3  # chance: 1 in 10 per person


def test_reminders_go_to_everyone_so_they_split_no_one_off(evidence):
    wave = _wave(evidence)
    assert sorted(wave["reminded"]) == sorted(wave["people"])


def test_the_server_log_holds_no_invitation_token_and_no_answer(evidence):
    assert len(evidence.tokens) == 39
    assert "/staff/people/invite/-/" in evidence.log  # the links were followed, and logged without token
    for token in evidence.tokens.values():
        assert token not in evidence.log
    for person in _wave(evidence)["arrivals"]:
        assert person["planted"] not in evidence.log and person["planted"] not in evidence.mail


def test_a_wave_with_nine_participants_exposes_no_answer_anywhere(evidence):
    small = _wave(evidence, "staff-survey-small")["arrivals"]
    assert len(small) == 9 and not _responses(evidence, "staff-survey-small")
    everything = [evidence.wal, evidence.files, evidence.log.encode(), evidence.mail.encode(),
                  json.dumps(evidence.tables, default=str).encode()]
    for person in small:
        planted = person["planted"].encode()
        assert not any(planted in blob for blob in everything), person["planted"]
