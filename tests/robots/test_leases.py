"""Leases and state on any fleet: cloned machines, slow letters, lost races.

Found in the field: a second machine with the same hostname (a cloned VM, a
container) processed letters twice, because a lease owner ``host:pid:…`` with
our hostname was checked with ``kill(pid, 0)`` here; archived letters were set
back to ``routed`` by unconditional state writes; the 900 s lease was never
renewed; and a run reported letters another run had finished.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from lotse.app import App
from robots.leases import LeaseLost, claim, hold, keep_lease, new_owner, owner_is_dead, release
from robots.letters import Letter, LetterEvent, LetterStatus, utcnow
from robots.machine import Machine, installation_identity, local_token, this_machine
from robots.mailroom.steps import LetterSteps
from tests.conftest import REPO
from tests.robots.letters import KITA_MEMO, TAX_OBJECTION, TREE_REQUEST, text_pdf

GONE_PID = 2**22 - 3  # above the kernel's default pid_max: no such process anywhere


def _letter(lotse: App, inbox: Path, lines: list[str] = TAX_OBJECTION) -> int:
    text_pdf(inbox / "brief.pdf", lines)
    room = lotse.mailroom(inbox=inbox)
    room.config = dataclasses.replace(room.config, stable_seconds=0)
    (letter_id,) = room.intake()
    return letter_id


# -- who is dead: the machine, not the hostname -----------------------------------------


def test_a_holder_with_our_hostname_on_another_machine_is_alive_until_expiry() -> None:
    here = this_machine()
    clone = Machine(here.hostname, here.installation, "0123456789ab")  # same name, other boot
    assert not owner_is_dead(f"{clone.owner().rsplit(':', 2)[0]}:{GONE_PID}:abcdef12", here)
    assert owner_is_dead(f"{here.owner().rsplit(':', 2)[0]}:{GONE_PID}:abcdef12", here)
    assert not owner_is_dead(f"{here.owner().rsplit(':', 2)[0]}:{os.getpid()}:abcdef12", here)
    # Owners written by earlier versions name only the host: never taken before expiry.
    assert not owner_is_dead(f"{here.hostname}:{GONE_PID}:abcdef12", here)


def test_the_owner_fits_its_column_and_names_the_machine(tmp_path: Path) -> None:
    machine = this_machine(tmp_path / "zustand")
    owner = machine.owner()
    assert len(owner) <= 64 and owner.count("/") == 2
    assert owner.split("/")[1] == machine.installation[:8] and machine.local == local_token()
    assert owner != machine.owner()  # each run its own


def test_the_installation_identity_is_made_once(tmp_path: Path) -> None:
    state = tmp_path / "zustand"
    found: list[str] = []
    threads = [
        threading.Thread(target=lambda: found.append(installation_identity(state)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and len(found[0]) == 32
    assert sorted(p.name for p in state.iterdir()) == ["rechner-id"]
    assert installation_identity(state) == found[0]


# -- compare-and-set: a lost race is skipped, never overwrites ---------------------------


def test_an_archived_letter_is_never_set_back(lotse_app: App, tmp_path: Path) -> None:
    """The field case: a stale worker's deliver() found no searchable PDF and reset the letter."""
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    room = lotse_app.mailroom(inbox=inbox)
    winner = room.process(letter_id)
    assert winner is not None and winner.status == "archived"

    stale = LetterSteps(room.config, lotse_app.db.session, room.ocr_slots, new_owner())
    with lotse_app.db.session() as session:  # it still thinks it holds the letter
        assert claim(session, Letter, letter_id, stale.owner, 60)
    with pytest.raises(LeaseLost, match=r"erwartet: routed, jetzt: archived"):
        stale.deliver(letter_id)
    with lotse_app.db.read_session() as session:
        letter = session.get_one(Letter, letter_id)
        assert letter.status == "archived" and letter.archive_file
        kinds = [e.kind for e in letter.events]
    assert kinds.count("delivered") == 1 and kinds.count("archived") == 1


def test_a_change_by_another_owner_stops_the_step(lotse_app: App, tmp_path: Path) -> None:
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    mine, theirs = new_owner(), new_owner()
    with lotse_app.db.session() as session:
        assert claim(session, Letter, letter_id, mine, 60)
        hold(session, Letter, letter_id, mine, LetterStatus.RECEIVED.value)
    with lotse_app.db.session() as session:  # the lease ran out; another run took the letter
        session.execute(update(Letter).where(Letter.id == letter_id).values(lease_owner=theirs))
    with (
        pytest.raises(LeaseLost, match="nicht mehr in der Hand dieses Laufs"),
        lotse_app.db.session() as session,
    ):
        hold(session, Letter, letter_id, mine, LetterStatus.RECEIVED.value)
        session.get_one(Letter, letter_id).status = LetterStatus.READ.value
    with lotse_app.db.read_session() as session:
        assert session.get_one(Letter, letter_id).status == "received"
    with lotse_app.db.session() as session:
        release(session, Letter, letter_id, mine)  # not ours: nothing happens
        assert session.get_one(Letter, letter_id).lease_owner == theirs


def test_a_run_reports_only_letters_it_moved(lotse_app: App, tmp_path: Path) -> None:
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    first, second = lotse_app.mailroom(inbox=inbox), lotse_app.mailroom(inbox=inbox)
    assert first.owner != second.owner
    assert first.process(letter_id) is not None
    # The second run listed the letter before the first finished it; now it is done.
    assert second.process(letter_id) is None


def test_a_run_that_stalled_past_its_lease_leaves_the_letter_cleanly(
    lotse_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paused VM wakes up: the letter was taken over and finished, its work file is gone."""
    import robots.mailroom.steps as steps

    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    stalled_run, other_run = lotse_app.mailroom(inbox=inbox), lotse_app.mailroom(inbox=inbox)
    real = steps.read_document

    def stall(*args: object, **kwargs: object) -> object:
        monkeypatch.setattr(steps, "read_document", real)
        with lotse_app.db.session() as session:  # meanwhile the lease ran out …
            session.execute(
                update(Letter).where(Letter.id == letter_id).values(lease_until=utcnow())
            )
        taken_over = other_run.process(letter_id)  # … and another run finished the letter
        assert taken_over is not None and taken_over.status == "archived"
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(steps, "read_document", stall)
    assert stalled_run.process(letter_id) is None  # logged, not reported, not crashed
    with lotse_app.db.read_session() as session:
        letter = session.get_one(Letter, letter_id)
        assert letter.status == "archived" and letter.lease_owner is None
        assert Counter(e.kind for e in letter.events) == Counter(
            ["received", "read", "routed", "delivered", "archived"]
        )


def test_the_lease_is_renewed_while_the_work_goes_on(lotse_app: App, tmp_path: Path) -> None:
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    owner = new_owner()

    def lease_until() -> object:
        with lotse_app.db.read_session() as session:
            return session.scalar(select(Letter.lease_until).where(Letter.id == letter_id))

    with lotse_app.db.session() as session:
        assert claim(session, Letter, letter_id, owner, 0.9)
    first = lease_until()
    with keep_lease(lotse_app.db.session, Letter, letter_id, owner, 0.9) as lost:
        time.sleep(2.0)  # more than twice the lease
        renewed = lease_until()
        assert renewed > first and not lost.is_set()  # type: ignore[operator]
        with lotse_app.db.session() as session:  # a stall: someone else took it
            session.execute(
                update(Letter).where(Letter.id == letter_id).values(lease_owner="anderer")
            )
        assert lost.wait(3.0)
    with lotse_app.db.read_session() as session:
        assert session.scalar(select(Letter.lease_owner).where(Letter.id == letter_id)) == "anderer"


def test_filings_use_the_same_claim_and_compare_and_set(lotse_app: App, tmp_path: Path) -> None:
    """The e-file robot takes filings as the mailroom takes letters: a lost race changes nothing."""
    from robots.eakte_robot import EAkteAccess, EAkteRobot
    from robots.filings import Filing

    inbox = tmp_path / "eingang"
    inbox.mkdir()
    letter_id = _letter(lotse_app, inbox)
    with lotse_app.db.session() as session:
        filing = Filing(letter_id=letter_id, department="22")
        session.add(filing)
        session.flush()
        filing_id = filing.id
    access = EAkteAccess("http://127.0.0.1:9", "poststelle-roboter", "geheim")
    robots = [
        EAkteRobot(lotse_app.db.session, lotse_app.delivery(), access, tmp_path, owner=new_owner())
        for _ in range(2)
    ]
    assert robots[0]._claim(filing_id) and not robots[1]._claim(filing_id)
    with pytest.raises(LeaseLost, match=r"Ablage \d+ ist nicht mehr in der Hand"):
        robots[1]._filed(filing_id, "22-POST-2026", "D-1")  # not its lease: refused
    robots[0]._filed(filing_id, "22-POST-2026", "D-7")
    with pytest.raises(LeaseLost, match="erwartet: pending, jetzt: filed"):
        robots[0]._failed(filing_id, "zu spät", None)  # filed stays filed
    robots[0]._release(filing_id)
    with lotse_app.db.read_session() as session:
        done = session.get_one(Filing, filing_id)
        assert (done.status, done.document_number, done.lease_owner) == ("filed", "D-7", None)


# -- two machines with one hostname, each in its own PID namespace ------------------------


def _machine(inbox: Path, env: dict[str, str], *, shift_pids: bool) -> subprocess.Popen[str]:
    """A worker in PID and UTS namespaces of its own, hostname ``klon`` (a cloned VM).

    One starts Python as PID 1, the other behind its shell (PID 3): each sees the
    other's pid as "not running" in its own namespace — what made the old lease take
    letters from a live machine.
    """
    run = f"{sys.executable} -m tests.robots.lease_worker {inbox} 2"
    script = f"hostname klon && {'' if shift_pids else 'exec '}{run}"
    return subprocess.Popen(
        ["unshare", "--pid", "--fork", "--uts", "--mount-proc", "sh", "-c", script],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _finish(machine: subprocess.Popen[str]) -> dict[str, object]:
    stdout, stderr = machine.communicate(timeout=240)
    assert machine.returncode == 0, stderr[-3000:]
    # No step found its letter taken over: no machine took a letter another was working on.
    assert "nicht mehr in der Hand" not in stderr, stderr[-3000:]
    return dict(json.loads(stdout.strip().splitlines()[-1]))


def _fleet(database_url: str, tmp_path: Path, letters: int) -> tuple[Path, dict[str, str]]:
    data, inbox = tmp_path / "daten", tmp_path / "eingang"
    data.mkdir()
    inbox.mkdir()
    texts = [TAX_OBJECTION, KITA_MEMO, TREE_REQUEST]
    for number in range(letters):
        text_pdf(inbox / f"Scan_{number}.pdf", [*texts[number % 3], f"Vorgang {number}"])
    env = {
        **os.environ,
        "LOTSE_DATABASE_URL": database_url,
        "LOTSE_DATA_DIR": str(data),
        "LOTSE_STATE_DIR": str(tmp_path / "zustand"),  # one identity for both: a clone
    }
    from lotse.app import open_app
    from lotse.settings import Settings

    open_app(Settings(data_dir=data, database_url=database_url)).db.dispose()  # migrated once
    return inbox, env


def _each_step_once(database_url: str, data: Path, letters: int) -> set[int]:
    from lotse.db import Database

    db = Database(database_url)
    with db.read_session() as session:
        found = session.scalars(select(Letter)).all()
        assert {x.status for x in found} == {"archived"} and len(found) == letters
        counts = Counter(session.execute(select(LetterEvent.letter_id, LetterEvent.kind)).all())
        assert session.scalar(select(func.count()).select_from(LetterEvent)) == letters * 5
        ids = {x.id for x in found}
    db.dispose()
    assert set(counts.values()) == {1}  # received, read, routed, delivered, archived: once each
    sidecars = [json.loads(p.read_text()) for p in data.glob("outbox/*/*.json")]
    assert len(sidecars) == letters and len({s["sha256"] for s in sidecars}) == letters
    return ids


@pytest.mark.timeout(300)
def test_two_clones_with_one_hostname_work_each_letter_once(
    database_url: str, tmp_path: Path
) -> None:
    """Same hostname, same (copied) installation identity, one inbox, at the same time."""
    inbox, env = _fleet(database_url, tmp_path, 6)
    env["LOTSE_PAUSE_AT"] = "read-start:1"  # both are busy at once for a while
    machines = [_machine(inbox, env, shift_pids=False), _machine(inbox, env, shift_pids=True)]
    results = [_finish(machine) for machine in machines]

    owners = [str(r["owner"]) for r in results]
    assert all(o.startswith("klon/") for o in owners) and owners[0] != owners[1]
    assert len({o.split("/")[1] for o in owners}) == 1  # the same (cloned) identity
    assert len({o.split("/")[2] for o in owners}) == 2  # … on two "machines"
    reported = [set(r["letters"]) for r in results]  # type: ignore[call-overload]
    assert not reported[0] & reported[1]  # a run reports only what it finished
    assert all(reported), reported  # both did work: they really ran side by side
    assert reported[0] | reported[1] == _each_step_once(database_url, tmp_path / "daten", 6)


@pytest.mark.timeout(300)
@pytest.mark.slow
def test_a_letter_slower_than_its_lease_stays_with_its_machine(
    database_url: str, tmp_path: Path
) -> None:
    """The second machine looks after the lease (2 s) would have run out without renewal."""
    inbox, env = _fleet(database_url, tmp_path, 1)
    slow = _machine(inbox, {**env, "LOTSE_PAUSE_AT": "read-start:6"}, shift_pids=False)
    from lotse.db import Database

    db = Database(database_url)
    deadline = time.monotonic() + 120
    while True:  # until the first machine holds the letter
        with db.read_session() as session:
            if session.scalar(select(Letter.lease_owner).where(Letter.lease_owner.is_not(None))):
                break
        assert slow.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    db.dispose()
    time.sleep(3)  # past the lease's first 2 s: only its renewal keeps it
    other = _finish(_machine(inbox, env, shift_pids=True))
    first = _finish(slow)
    assert other["letters"] == [] and first["letters"] == [1]
    _each_step_once(database_url, tmp_path / "daten", 1)
