"""Every command the documentation shows exists as written, and each is run by some test.

The commands are taken from docs/*.md and README.md: every line of a fenced ``sh``
block, and every inline ``lotse …``, ``make …`` and ``scripts/…`` span. For each
``lotse`` command, the sub-command must exist and every option written must be one of
its options (its ``--help`` is shown too, so the help itself works). Most commands are
also run as written, with samples, by the tests named in ``RUN_BY``; the rest are
listed in ``HELP_ONLY`` with why they cannot run here (root, systemd, a scanner share,
a mail server …): for those this test is the check. A command new in the docs must go
into one of the two, so none is left unchecked.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from lotse.cli import app
from tests.conftest import REPO

DOCS = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]
SHELL_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
INLINE = re.compile(
    r"`((?:sudo )?(?:\.venv/bin/)?(?:(?:lotse|make)(?: [^`\n]*)?|scripts/[^`\n]*))`"
)


def _strip(line: str) -> str:
    """The command itself: no comment, no ``sudo``, no ``echo … |`` feeding a password."""
    line = re.sub(r"\s+#\s.*$", "", line).strip()
    line = re.sub(r"^echo \S+ \| ", "", line)
    line = re.sub(r"^sudo (-u \S+ )?", "", line)
    return re.sub(r"^\.venv/bin/", "", line)


def _lines(block: str) -> list[str]:
    """The commands of a shell block: a quoted argument may span lines (``python -c "…"``)."""
    commands, pending = [], ""
    for line in block.splitlines():
        pending = f"{pending}\n{line}" if pending else line
        try:
            shlex.split(pending, comments=True)
        except ValueError:  # a quote still open
            continue
        commands.append(pending)
        pending = ""
    return commands


def documented() -> dict[str, list[str]]:
    """command → the documents that show it."""
    found: dict[str, list[str]] = {}
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        lines = [line for block in SHELL_BLOCK.findall(text) for line in _lines(block)]
        outside = SHELL_BLOCK.sub("", re.sub(r"```.*?```", "", text, flags=re.S))
        lines += INLINE.findall(outside)
        for line in lines:
            command = _strip(line)
            if command and not command.startswith("#"):
                found.setdefault(command, []).append(doc.name)
    return found


def _words(command: str) -> list[str]:
    return shlex.split(command.replace("…", ""))


def lotse_commands() -> list[str]:
    """The documented ``lotse`` commands; ``robot new|check`` stands for both."""
    found = set()
    for command in documented():
        words = command.split()
        if words[0] == "lotse" and len(words) > 1:
            alternatives = [w for w in words if "|" in w and not w.startswith("[")]
            for word in alternatives[0].split("|") if alternatives else [None]:
                found.add(command.replace(alternatives[0], word) if word else command)
    return sorted(found)


# The tests that run documented commands as written (on samples, a fresh database and a
# free port), each with the commands it runs.
RUN_BY: dict[str, tuple[str, ...]] = {
    "tests/test_cli_mailroom.py::test_classify_a_batch_prints_one_line_per_letter_as_the_run_splits_it": (
        "lotse mailroom classify Stapel_0001.pdf",  # the sample batch, samples/mail/batches
    ),
    "tests/test_docs_readme.py::test_the_commands_at_a_glance_run_in_order": (
        "lotse bpmn inspect diagramme/",
        "lotse bpmn lint antrag.bpmn",
        "lotse bpmn draw antrag.bpmn --out a.svg",
        "lotse catalogue import diagramme/ --department 20",
        "lotse catalogue list",
        "lotse catalogue show 20:Process_Rechnungseingang",
        "lotse catalogue facts 20:Process_Rechnungseingang fallzahl=2400 minuten=14",
        'lotse catalogue status 20:Process_Rechnungseingang approved --comment "Pilot 2027"',
        "lotse report --out bericht/",
        "lotse mailroom classify scan.pdf --json",
        "lotse mailroom review list",
        "lotse mailroom letters --json",
        "lotse robot new 20:Process_Rechnungseingang --out roboter",
        "lotse robot list",
        "lotse user add mmuster --role lotse --department 33",
    ),
    "tests/test_docs_scoring.py::test_the_catalogue_section_of_lotse_md_runs": (
        "lotse catalogue import mein-ablauf.bpmn --department 33",
        "lotse catalogue show 33:Process_MeinAblauf",
        "lotse catalogue import mein-ablauf-2027.bpmn --department 33 --version-of 33:Process_MeinAblauf",
        "lotse catalogue check 33:Process_MeinAblauf --regelbasiert ja --digital teilweise --strukturiert ja --aenderungen keine --faelle 50-200",
    ),
    "tests/test_docs_scoring.py::test_the_quick_check_command_of_scoring_md_runs": (
        "lotse catalogue check 20:Process_Rechnungseingang --regelbasiert ja --digital teilweise --strukturiert ja --aenderungen keine --faelle 200-1000",
    ),
    "tests/test_docs_scoring.py::test_the_ranking_bench_of_scoring_md_runs": (
        "python bench/ranking.py",
    ),
    "tests/test_docs_scoring.py::test_the_command_line_section_of_lotse_md_runs": (
        "lotse bpmn inspect mein-ablauf.bpmn",
        "lotse bpmn lint mein-ablauf.bpmn",
        "lotse bpmn draw mein-ablauf.bpmn --out mein-ablauf.svg",
        "lotse bpmn lint mein-ablauf.bpmn --profile strict",
    ),
    "tests/test_docs_workshop.py::test_command_runs": (
        "lotse workshop compare samples/workshop/toast --out toast-vergleich",
        "lotse workshop compare samples/workshop/bewohnerparkausweis/keller.bpmn samples/workshop/bewohnerparkausweis/nowak.bpmn samples/workshop/bewohnerparkausweis/yilmaz.bpmn --json",
        "lotse workshop compare samples/workshop/toast --corrections samples/workshop/toast/korrekturen.json --out toast-korrigiert",
    ),
    "tests/test_docs_robots.py::test_the_commands_run_in_order": (
        "lotse catalogue import samples/bpmn",
        "lotse robot new 10:Process_HauspostVerteilen --out roboter",
        "grep -n STUB roboter/roboter_hauspost_verteilen_ist_ablauf.py",
        "pytest roboter",
        "lotse robot check roboter",
        "lotse robot list",
        "lotse robot list --json",
        "lotse robot link eakte-ablage 10:Process_HauspostVerteilen --task Activity_1ablg5k",
    ),
    "tests/test_docs_desk.py::test_the_user_commands_of_it_md_run_as_written": (
        "lotse user add mmuster --role lotse --department 33",
        "lotse user add it-team --role it --password-stdin",
        "lotse user add mschmidt --role poststelle --password-stdin",
        "lotse user list",
    ),
    "tests/test_docs_desk.py::test_the_review_commands_of_operator_md_run_as_written": (
        "lotse mailroom review list",
        'lotse mailroom review decide 17 51 --user "M. Schmidt" --comment "Kita-Gebühren"',
        'lotse mailroom review decide 18 63 --copy 67 --user "M. Schmidt"',
        'lotse mailroom review close 19 --outcome not_mail --user "M. Schmidt"',
        'lotse mailroom review close 20 --outcome private --to "Frau Sommer, Bürgeramt"',
    ),
    "tests/test_docs_desk.py::test_what_the_robot_knows_runs_as_written": (
        "lotse mailroom letters",
        "lotse mailroom letters --status review",
        "lotse mailroom classify brief.pdf",
        "lotse mailroom purge",
    ),
    "tests/test_docs_security.py::test_the_commands_run_as_written": (
        "lotse user password admin --password-stdin",
        "lotse user password mmuster --change-at-sign-in --password-stdin",
        "lotse mailroom purge --yes",
    ),
    "tests/test_docs_mailroom.py::test_command_runs": (
        "lotse mailroom trennblatt --out trennblatt.pdf",
        "lotse mailroom classify samples/mail/emails/Hundesteuer.eml --json",
        "lotse mailroom quality",
        "lotse mailroom lernen",
        "lotse mailroom quality --json",
    ),
    # As root, in a throw-away root with the shipped units run as systemd would (CI).
    "tests/deploy/test_fresh_server.py::test_the_guide_has_the_commands_this_test_runs": (
        "scripts/install-server --inbox /srv/scanner/posteingang",
        "systemctl status prefect-server lotse lotse-robots",
        "curl -fsS http://127.0.0.1:8000/healthz",
        "cat /srv/lotse/daten/erstes-admin-passwort.txt",
        "lotse --version",
        "lotse user add it-team --role it --password-stdin",
        "lotse mailroom letters --json",
        "lotse backup /srv/lotse/sicherungen",
        "createdb -O lotse lotse_zurueck",
        "lotse restore /srv/lotse/sicherungen/lotse-sicherung-20261203-020000 --database-url postgresql+psycopg://lotse:KENNWORT@127.0.0.1:5432/lotse_zurueck --data-dir /srv/lotse/daten-zurueck",
        "systemctl stop lotse-robots lotse",
        "scripts/install-server",
        "lotse user signout --all",
        "scripts/install-server --join lotse.env",
    ),
    "tests/test_docs_commands.py::test_install_server_explains_itself": (
        "scripts/install-server --help",
    ),
    "tests/eakte/test_standin.py::test_the_demo_server_command_serves_and_prints_url_and_credentials": (
        "lotse eakte-demo-server",  # on a free port: the documented 8088/8090 may be taken
    ),
    "tests/flows/test_serve.py::test_lotse_serve_starts_and_stops_everything": (
        "lotse serve",  # on free ports
    ),
    "tests/flows/test_serve.py::test_deployments_have_contract_names_forms_and_schedules": (
        "lotse serve --no-web",
    ),
    "tests/test_serve_workers.py::test_the_web_runs_in_worker_processes_and_stops_with_the_command": (
        "lotse serve --no-prefect",  # with --workers 2, on a free port
    ),
}

# Commands not run as written by any test, and why. The option check below covers the
# `lotse` ones (the sub-command exists, the options written are its options, --help).
NOT_RUN: dict[str, str] = {
    "make demo": "scripts/bootstrap (apt, root) and then `lotse demo` (tests/test_demo.py)",
    "make test": "what CI runs (.ci/run)",
    "make check": "the fast part of make test, run before every landing",
    "make": "named in prose",
    "scripts/bootstrap": "installs system packages with apt (root): make demo, make test, CI",
    "scripts/bootstrap --server": "a production server's packages (root)",
    "scripts/eakte_screenshots.py": "draws the documentation's pictures",
    "git clone <repository> lotse && cd lotse": "the network",
    "lotse serve --host 0.0.0.0 --port 8080": "binds every interface; tests bind 127.0.0.1 only",
    "lotse serve --workers 2": "run with --no-prefect (tests/test_serve_workers.py)",
    "lotse serve --no-prefect --workers N": "a placeholder (benchmarks.md; bench/web.py runs it)",
    "lotse serve --workers": "named in prose (benchmarks.md)",
    "lotse eakte-demo-server --port 8088": "a fixed port (run on a free one, see RUN_BY)",
    "lotse eakte-demo-server --port 8090": "a fixed port (run on a free one, see RUN_BY)",
    "lotse mailroom run --inbox /srv/scanner": "a scanner share; the flow runs in tests/flows",
    "lotse mailroom run --inbox /srv/scanner/posteingang": "a scanner share; the flow runs in tests/flows",
    "lotse mailroom run --inbox … --without-prefect": "a placeholder; run with a real inbox in tests/robots/test_crash.py",
    "lotse mailroom run --without-prefect": "run with --inbox in tests/robots/test_crash.py",
    "lotse mailroom file": "the city's e-file; against the stand-in in tests/robots/test_eakte_robot.py",
    "lotse mailroom postfach": "the city's mail server; against Dovecot in tests/robots/test_mailbox.py",
    "lotse mailroom filings": "named in prose",
    "prefect deployment run poststelle/poststelle": "a served installation; tests/flows/test_serve.py starts the deployments with the Prefect client",
    "prefect deployment run katalog-import/katalog-import -p ordner=/srv/lotse/diagramme": "as above, and /srv/lotse/diagramme",
    "prefect deployment run kandidaten-bericht/kandidaten-bericht -p anzahl=20": "as above",
    "dask scheduler --host 10.0.0.10 --port 8786": "other machines; tests/flows/test_serve.py runs a Dask cluster on 127.0.0.1",
    "dask worker tcp://10.0.0.10:8786 --nthreads 2": "as above",
    "LOTSE_DASK_ADDRESS=tcp://10.0.0.10:8786": "a setting, for the cluster above",
    'lotse catalogue status KEY approved --comment "…" --user name': "a pattern with placeholders",
    "lotse catalogue facts KEY fallzahl=400 minuten=12": "a pattern with placeholders",
    "lotse catalogue facts KEY name=value …": "a pattern with placeholders",
    "lotse catalogue import ORDNER [--department 20]": "a pattern with placeholders",
    "lotse catalogue list [--json] [--status approved]": "a pattern with placeholders",
    "lotse bpmn inspect --json ORDNER": "a pattern with placeholders",
    "lotse bpmn lint --json DATEI": "a pattern with placeholders",
    "lotse report --out ORDNER": "a pattern with placeholders",
    "lotse mailroom classify DATEI…": "a pattern with placeholders",
    "lotse mailroom classify --json": "named in prose (benchmarks.md)",
    "lotse robot new SCHLÜSSEL --out ORDNER": "a pattern with placeholders",
    "lotse robot check ORDNER": "a pattern with placeholders",
    "lotse robot link DEPLOYMENT SCHLÜSSEL [--task ID …]": "a pattern with placeholders",
    "lotse user add NAME --role poststelle": "a pattern with placeholders",
    "lotse user password NAME --password-stdin": "a pattern with placeholders",
    "lotse catalogue rescore": "after a new scoring model; tests/processes run rescore in process",
    "lotse mailroom run": "named in prose",
    "lotse catalogue import": "named in prose",
    "lotse catalogue show": "named in prose",
    "lotse robot new": "named in prose",
    "lotse robot check": "named in prose",
    "lotse robot new|check": "named in prose",
    "lotse backup": "named in prose",
    "lotse restore": "named in prose",
    "lotse init": "named in prose; run by scripts/install-server (tests/deploy)",
    "lotse": "named in prose",
}
PYTHON_SNIPPET = re.compile(r'python -c "\nfrom bpmn import read_bpmn\n.*', re.S)


def _placed(command: str) -> bool:
    run = any(command in commands for commands in RUN_BY.values())
    return run or command in NOT_RUN or bool(PYTHON_SNIPPET.fullmatch(command))


def test_every_documented_command_is_run_or_checked_by_a_test() -> None:
    unplaced = {c: docs for c, docs in documented().items() if not _placed(c)}
    assert not unplaced, "neither in RUN_BY nor in NOT_RUN (tests/test_docs_commands.py):\n" + (
        "\n".join(f"  {c}   ({', '.join(sorted(set(d)))})" for c, d in sorted(unplaced.items()))
    )


def test_each_entry_still_names_a_documented_command() -> None:
    shown = documented()
    listed = [c for commands in RUN_BY.values() for c in commands] + list(NOT_RUN)
    assert not [c for c in listed if c not in shown], "the docs no longer show these"


def test_no_command_is_both_run_and_excused() -> None:
    run = {c for commands in RUN_BY.values() for c in commands}
    assert not run & set(NOT_RUN), "run by a test, so not to be excused in NOT_RUN"


def test_the_named_tests_exist() -> None:
    for where in RUN_BY:
        path, name = where.split("::")
        assert f"def {name}(" in (REPO / path).read_text(encoding="utf-8"), where


def _command(words: list[str]) -> tuple[Any, list[str]]:
    """The (sub-)command the words name, and the words after it."""
    command: Any = typer.main.get_command(app)
    rest = list(words)
    while hasattr(command, "commands") and rest and rest[0] in command.commands:
        command, rest = command.commands[rest[0]], rest[1:]
    return command, rest


@pytest.mark.parametrize("command", lotse_commands())
def test_the_command_and_its_options_exist(command: str) -> None:
    words = _words(command)[1:]
    found, rest = _command(words)
    if hasattr(found, "commands"):  # a group: only where the docs name no sub-command
        assert not rest or rest[0].startswith("-"), f"{command}: no sub-command {rest[0]!r}"
    options = {name for p in found.params for name in [*p.opts, *p.secondary_opts]}
    written = {w.split("=")[0] for w in rest if w.startswith("--") and "|" not in w}
    assert written <= options | {"--help"}, (command, sorted(written - options))
    path = words[: len(words) - len(rest)]
    shown = CliRunner().invoke(app, [*path, "--help"])
    assert shown.exit_code == 0, (command, shown.output)
    assert "Usage:" in shown.output


def test_install_server_explains_itself() -> None:
    """Its real run needs root and systemd (tests/deploy); its help runs anywhere."""
    shown = subprocess.run(
        [str(REPO / "scripts" / "install-server"), "--help"], capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    for option in ("--inbox", "--join"):
        assert option in shown.stdout, shown.stdout
