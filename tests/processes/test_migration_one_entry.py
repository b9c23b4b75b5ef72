"""Migration 0010a: catalogues with one entry per pool become one entry per diagram."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from lotse.db import alembic_config, make_engine, migrate
from tests.bpmn.documents import chain, document

LEAVE_REQUEST = document(
    '<{p}collaboration id="Collaboration_Urlaub">'
    '<{p}participant id="P_Sach" name="Sachbearbeitung" processRef="Process_0aaa111"/>'
    '<{p}participant id="P_Chef" name="Vorgesetzte/r" processRef="Process_0bbb222"/>'
    '<{p}participant id="P_Buerger" name="Antragsteller"/>'
    "</{p}collaboration>"
    '<{p}process id="Process_0aaa111">'
    + chain(
        ("startEvent", "s1", ""), ("task", "t1", "Antrag im DMS ablegen"), ("endEvent", "e1", "")
    )
    + "</{p}process>"
    '<{p}process id="Process_0bbb222">'
    + chain(("startEvent", "s2", ""), ("task", "t2", "Antrag genehmigen"), ("endEvent", "e2", ""))
    + "</{p}process>"
).encode()
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _old_catalogue(url: str) -> sa.Engine:
    """A catalogue at 0006 as the old importer left it: one entry per pool."""
    engine = make_engine(url)
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    digest = hashlib.sha256(LEAVE_REQUEST).hexdigest()
    with engine.begin() as db:
        db.execute(
            sa.text("INSERT INTO departments (code, name, remit) VALUES ('10', 'Hauptamt', '')")
        )
        db.execute(
            sa.text(
                "INSERT INTO source_files (sha256, data, size, created_at) VALUES (:d, :b, :s, :n)"
            ),
            {"d": digest, "b": LEAVE_REQUEST, "s": len(LEAVE_REQUEST), "n": NOW},
        )
        for pid, bpmn_id, status in (
            (1, "Process_0aaa111", "idea"),
            (2, "Process_0bbb222", "approved"),
        ):
            db.execute(
                sa.text(
                    "INSERT INTO processes (id, department_code, bpmn_id, name, status, created_at,"
                    " updated_at, current_version_id) VALUES (:i, '10', :b, :b, :s, :n, :n, :i)"
                ),
                {"i": pid, "b": bpmn_id, "s": status, "n": NOW},
            )
            db.execute(
                sa.text(
                    "INSERT INTO process_versions (id, process_id, number, content_sha256, file_name,"
                    " name, imported_at, imported_by, task_count)"
                    " VALUES (:i, :i, 1, :d, 'urlaubsantrag.bpmn', '', :n, '', 1)"
                ),
                {"i": pid, "d": digest, "n": NOW},
            )
            db.execute(
                sa.text(
                    "INSERT INTO status_changes (process_id, from_status, to_status, comment,"
                    " changed_by, changed_at) VALUES (:i, NULL, :s, 'importiert', 'anna', :n)"
                ),
                {"i": pid, "s": status, "n": NOW},
            )
        # facts were counted once per pool: each entry had the file's facts, one more
        db.execute(
            sa.text(
                "INSERT INTO process_facts (process_id, cases_per_month, minutes_per_case, source,"
                " updated_at, updated_by) VALUES (1, 40, NULL, 'import', :n, ''),"
                " (2, 40, 12, 'import', :n, '')"
            ),
            {"n": NOW},
        )
    return engine


def test_pools_of_one_file_become_one_entry_keeping_status_facts_and_history(
    database_url: str,
) -> None:
    engine = _old_catalogue(database_url)
    try:
        migrate(engine)
        with engine.connect() as db:
            rows = db.execute(sa.text("SELECT id, bpmn_id, name, status FROM processes")).all()
            assert [(r.bpmn_id, r.name, r.status) for r in rows] == [
                ("Collaboration_Urlaub", "Urlaubsantrag", "approved")
            ]
            survivor = rows[0].id
            facts = db.execute(
                sa.text("SELECT cases_per_month, minutes_per_case FROM process_facts")
            ).all()
            assert [tuple(f) for f in facts] == [(40, 12)]  # not added up
            history = db.execute(
                sa.text("SELECT process_id, comment FROM status_changes ORDER BY id")
            ).all()
            assert {h.process_id for h in history} == {survivor}
            assert any("Process_0aaa111" in h.comment for h in history)
            assert db.execute(sa.text("SELECT count(*) FROM process_versions")).scalar() == 1
        migrate(engine)  # a second start changes nothing
        with engine.connect() as db:
            assert db.execute(sa.text("SELECT count(*) FROM processes")).scalar() == 1
    finally:
        engine.dispose()
