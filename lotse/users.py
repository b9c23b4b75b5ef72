"""People who sign in to the workbench, with their role and department.

Roles: ``lotse`` (process pilots: upload, edit their department's facts, see
the catalogue), ``it`` (the automation team: everything, pipeline status,
mailroom review queue), ``admin`` (also manages users). Passwords are hashed
with Argon2id (argon2-cffi).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from typing import Any, ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from confusable_homoglyphs import confusables
from sqlalchemy import Boolean, Integer, MetaData, String, false, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from common.clock import UtcDateTime, utcnow

_hasher = PasswordHasher()
# Verifying against this when a user name is unknown keeps the answer time the
# same, so sign-in does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("lotse-kein-benutzer")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # Argon2 hashes any length; a megabyte "password" is an attack
MAX_USERNAME_LENGTH = 100
NAME_PUNCTUATION = "._-"


class Role(StrEnum):
    LOTSE = "lotse"
    IT = "it"
    ADMIN = "admin"
    # The mailroom's clerks: the review queue and the letters, nothing of the catalogue.
    POSTSTELLE = "poststelle"

    @property
    def german(self) -> str:
        return {
            "lotse": "Digitallotse",
            "it": "IT / Automatisierung",
            "admin": "Administration",
            "poststelle": "Poststelle",
        }[self.value]


class UserError(ValueError):
    """A user cannot be created or changed; German message."""


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime()}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_code: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column()
    # Part of every session cookie; raising it ends all of the user's sessions, also
    # copies of the cookie (the cookie itself is only signed, not stored here).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set for a password someone else chose (the first admin's, an admin's reset): the
    # user has to choose their own before anything else.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # When the current password became a lasting one (the user's own, or set by IT as
    # final); None: it is temporary, or from before Lotse recorded this (0018a).
    password_chosen_at: Mapped[datetime | None] = mapped_column()

    @property
    def user_role(self) -> Role:
        return Role(self.role)

    def may(self, *roles: Role) -> bool:
        """Admins may everything; otherwise the role must be one of ``roles``."""
        return self.user_role is Role.ADMIN or self.user_role in roles


def normal_username(username: str) -> str:
    """The form a name is stored and looked up in: NFKC (ｍｍｕｓｔｅｒ is mmuster), trimmed."""
    return unicodedata.normalize("NFKC", username[: MAX_USERNAME_LENGTH * 4]).strip()


def check_username(username: str) -> str:
    """The normalised name, or a German :class:`UserError` saying what is wrong with it.

    Latin letters (also umlauts and accents), digits and ``. _ -`` only: a name in
    another script, or one mixing scripts (a Cyrillic „а“ in „аdmin“), could pass
    for someone else's in a list or a log.
    """
    name = normal_username(username)
    if not name or len(name) > MAX_USERNAME_LENGTH:
        raise UserError(f"Der Benutzername muss 1 bis {MAX_USERNAME_LENGTH} Zeichen lang sein.")
    allowed = all(
        (ch.isascii() and ch.isalnum())
        or ch in NAME_PUNCTUATION
        or (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN "))
        for ch in name
    )
    # A letter that only imitates an ASCII one (Latin alpha "ɑ", dotless "ı") has no
    # place in a German name; umlauts and accents have no ASCII double and stay.
    imitations = [ch for ch in name if not ch.isascii() and _plain_char(ch).isascii()]
    if not allowed or imitations or confusables.is_dangerous(name):
        raise UserError(
            "Benutzernamen bestehen aus lateinischen Buchstaben (auch Umlaute), Ziffern, "
            "Punkt, Binde- und Unterstrich – ohne Leerzeichen."
        )
    return name


def look_alike(username: str) -> str:
    """What a name looks like: case, 1/l/I, 0/O, rn/m and punctuation do not count."""
    text = normal_username(username).casefold()
    text = "".join(_plain_char(ch) for ch in text if ch not in NAME_PUNCTUATION)
    return text.translate(_ASCII_DOUBLES).replace("rn", "m").replace("vv", "w")


# Within ASCII, after case folding: I/l/1/| and O/0 look the same in many fonts.
_ASCII_DOUBLES = str.maketrans({"i": "l", "1": "l", "|": "l", "0": "o"})


@lru_cache(maxsize=512)
def _plain_char(ch: str) -> str:
    """The first ASCII character ``ch`` can be mistaken for (itself if it is ASCII)."""
    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=[]) or []
    candidates = [ch] if ch.isascii() else []
    for entry in found:
        candidates += [h["c"] for h in entry["homoglyphs"] if len(h["c"]) == 1 and h["c"].isascii()]
    return min(candidates) if candidates else ch


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"Das Passwort darf höchstens {MAX_PASSWORD_LENGTH} Zeichen lang sein.")


def add_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    department: str | None = None,
    *,
    must_change_password: bool = False,
) -> User:
    name = check_username(username)
    check_password(password)
    if role is Role.LOTSE and not department:
        raise UserError("Digitallotsen gehören zu einem Amt: bitte die Kennziffer angeben.")
    if session.scalar(select(User).where(User.username == name)) is not None:
        raise UserError(f"Den Benutzer „{name}“ gibt es schon.")
    looks = look_alike(name)
    for other in session.scalars(select(User.username)):
        if look_alike(other) == looks:
            raise UserError(
                f"„{name}“ ist mit dem vorhandenen Benutzer „{other}“ zu verwechseln; "
                "bitte einen deutlich anderen Namen wählen."
            )
    user = User(
        username=name,
        password_hash=_hasher.hash(password),
        role=role.value,
        department_code=department or None,
        must_change_password=must_change_password,
    )
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normal_username(username)))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, else None (in constant time)."""
    user = find_user(session, username) if len(password) <= MAX_PASSWORD_LENGTH else None
    if not verify_password(user, password[:MAX_PASSWORD_LENGTH]):
        return None
    assert user is not None
    if not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def verify_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is the user's; as slow for an unknown user as for a known one."""
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    if user is None:
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return True


def set_password(session: Session, user: User, password: str, *, temporary: bool = False) -> None:
    """A new password; every session of the user ends (the caller may renew its own).

    ``temporary``: someone else chose it, the user must change it at the next sign-in.
    """
    check_password(password)
    user.password_hash = _hasher.hash(password)
    user.must_change_password = temporary
    user.password_chosen_at = None if temporary else utcnow()
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session of this user stops working at its next request."""
    user.session_generation = (user.session_generation or 0) + 1
