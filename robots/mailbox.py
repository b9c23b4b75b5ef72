"""A functional mailbox as an inbox: every message taken exactly once, never deleted by default.

paperless-ngx's most-reported mail problems are messages fetched again and
again, messages without attachments never processed, and lost originals. Here:

- Each message is remembered by its mailbox, UIDVALIDITY and UID, and by its
  Message-ID (a server that renumbers, or the same mail in the folder twice, is
  recognised), also when it produces no letter (too large, a duplicate).
- The memory is written in the same transaction as the letter (see
  :meth:`robots.mailroom.Mailroom.take_file`), so a crash before it means
  neither exists and the message is fetched again; a crash after it means
  both exist and the message is only moved.
- Fetching does not mark a message read (``BODY.PEEK``). After the letter is
  recorded the message moves to a folder ("Lotse/Verarbeitet"); only if IT asks
  for it is it deleted instead.
- Every mail becomes a letter, with or without attachments: the body is the
  letter (:mod:`robots.eml`). The ``.eml`` is the letter's original.
"""

from __future__ import annotations

import email.parser
import email.policy
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from robots.faults import crash_point
from robots.files import safe_name, write_atomic
from robots.imap import Mailbox, MailboxConfig, MailboxError, open_mailbox
from robots.letters import Letter, MailMessage, utcnow

if TYPE_CHECKING:
    from robots.mailroom import Mailroom

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PollResult:
    """What one poll did, for the run's summary and the flow's log."""

    messages: int = 0  # in the folder when we looked
    taken: int = 0  # new letters
    duplicates: int = 0  # the same mail again (Message-ID or content)
    refused: list[str] = field(default_factory=list)  # German reasons, left in the mailbox
    moved: int = 0
    error: str = ""  # the mailbox could not be used at all (login refused …)

    def summary(self) -> str:
        if self.error:
            return f"Postfach nicht abgerufen: {self.error}"
        text = (
            f"Postfach: {self.messages} Nachrichten, {self.taken} neue Briefe, "
            f"{self.duplicates} doppelt, {self.moved} abgelegt"
        )
        if self.refused:
            text += f", {len(self.refused)} abgelehnt ({'; '.join(self.refused[:3])})"
        return text + "."


def poll(mailroom: Mailroom, config: MailboxConfig) -> PollResult:
    """Take every new message of the mailbox into the mailroom; never raises for the mailbox."""
    result = PollResult()
    try:
        _poll(mailroom, config, result)
    except MailboxError as exc:
        result.error = str(exc)
        log.warning("Postfach %s: %s", config.account, exc)
    return result


def _poll(mailroom: Mailroom, config: MailboxConfig, result: PollResult) -> None:
    sessions = mailroom.sessions
    staging = mailroom.config.data_dir / "postfach"
    with open_mailbox(config) as box:
        selected = box.select()
        result.messages = len(selected.uids)
        done = box.server_name(config.done_folder) if config.done_folder else ""
        if done and selected.uids and not config.delete_after:
            box.ensure_folder(done)
        for uid in selected.uids:
            with sessions() as session:
                known = _known(session, config.account, selected.uidvalidity, uid)
            if known is None:
                known = _take(mailroom, box, config, selected.uidvalidity, uid, staging, result)
            if known in ("taken", "duplicate"):
                crash_point("mailbox-before-move")
                if config.delete_after:
                    box.delete(uid)
                elif done:
                    box.move(uid, done)
                else:
                    continue  # left in place on purpose; remembered, so never taken again
                with sessions() as session:
                    session.execute(
                        update(MailMessage)
                        .where(
                            MailMessage.account == config.account,
                            MailMessage.uidvalidity == selected.uidvalidity,
                            MailMessage.uid == uid,
                        )
                        .values(status="moved", moved_at=utcnow())
                    )
                result.moved += 1


def _known(session: Session, account: str, uidvalidity: int, uid: int) -> str | None:
    return session.scalar(
        select(MailMessage.status).where(
            MailMessage.account == account,
            MailMessage.uidvalidity == uidvalidity,
            MailMessage.uid == uid,
        )
    )


def _take(
    mailroom: Mailroom,
    box: Mailbox,
    config: MailboxConfig,
    uidvalidity: int,
    uid: int,
    staging: Path,
    result: PollResult,
) -> str | None:
    sessions = mailroom.sessions
    size = box.size(uid)
    if size is None:
        return None  # gone meanwhile (a person moved it)
    if size > config.max_bytes:
        reason = (
            f"Nachricht {uid} ist {size / 1_048_576:.0f} MB groß (höchstens "
            f"{config.max_bytes / 1_048_576:.0f} MB); sie bleibt im Postfach"
        )
        with sessions() as session:
            session.add(_row(config, uidvalidity, uid, "", None, size, "refused", reason))
        result.refused.append(reason)
        log.warning("Postfach %s: %s", config.account, reason)
        return "refused"
    raw = box.fetch(uid)
    if raw is None:
        return None
    crash_point("mailbox-after-fetch")
    headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    message_id = _header(headers, "message-id").strip("<> ")[:500]
    if message_id:
        with sessions() as session:
            first = session.scalar(
                select(MailMessage).where(
                    MailMessage.account == config.account,
                    MailMessage.message_id == message_id,
                    MailMessage.status.in_(("taken", "duplicate", "moved")),
                )
            )
            if first is not None:  # the same mail again (copied, or the folder was rebuilt)
                note = (
                    f"Dieselbe Nachricht (Message-ID) wurde schon als UID {first.uid} übernommen."
                )
                session.add(
                    _row(config, uidvalidity, uid, message_id, None, len(raw), "duplicate", note,
                         letter_id=first.letter_id)
                )  # fmt: skip
                result.duplicates += 1
                return "duplicate"
    staged = staging / f"{uidvalidity}-{uid}.eml"
    write_atomic(staged, raw)
    subject = _header(headers, "subject")
    name = f"{safe_name(subject, 60) if subject else f'E-Mail {uid}'}.eml"
    outcome: list[str] = []

    def record(session: Session, letter: Letter, duplicate: bool) -> None:
        status = "duplicate" if duplicate else "taken"
        note = "Gleicher Inhalt wie ein schon übernommener Brief." if duplicate else ""
        session.add(
            _row(config, uidvalidity, uid, message_id, letter.sha256, len(raw), status, note,
                 letter_id=letter.id)
        )  # fmt: skip
        outcome.append(status)

    mailroom.take_file(staged, name=name, record=record)
    staged.unlink(missing_ok=True)
    if not outcome:
        return None  # another run took it this very moment; seen again next time
    if outcome[0] == "taken":
        result.taken += 1
    else:
        result.duplicates += 1
    return outcome[0]


def _row(
    config: MailboxConfig,
    uidvalidity: int,
    uid: int,
    message_id: str,
    sha256: str | None,
    size: int,
    status: str,
    note: str,
    *,
    letter_id: int | None = None,
) -> MailMessage:
    return MailMessage(
        account=config.account, uidvalidity=uidvalidity, uid=uid, message_id=message_id,
        sha256=sha256, size=size, status=status, note=note, letter_id=letter_id,
    )  # fmt: skip


def _header(headers: object, name: str) -> str:
    try:
        value = headers.get(name)  # type: ignore[attr-defined]
    except (ValueError, IndexError, TypeError):
        return ""
    return " ".join(str(value).split()) if value else ""
