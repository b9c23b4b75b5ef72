"""People who sign in to the workbench, with their role and department.

Roles: ``lotse`` (process pilots: upload, edit their department's facts, see
the catalogue), ``it`` (the automation team: everything, pipeline status,
mailroom review queue), ``admin`` (also manages users). Passwords are hashed
with Argon2id (argon2-cffi).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, Integer, MetaData, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

_hasher = PasswordHasher()
# Verifying against this when a user name is unknown keeps the answer time the
# same, so sign-in does not reveal which names exist.
_DUMMY_HASH = _hasher.hash("lotse-kein-benutzer")
MIN_PASSWORD_LENGTH = 10


class Role(StrEnum):
    LOTSE = "lotse"
    IT = "it"
    ADMIN = "admin"

    @property
    def german(self) -> str:
        return {"lotse": "Digitallotse", "it": "IT / Automatisierung", "admin": "Administration"}[
            self.value
        ]


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
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


def _now() -> datetime:
    return datetime.now(UTC)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    department_code: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_login_at: Mapped[datetime | None] = mapped_column()
    # Part of every session cookie; raising it ends all of the user's sessions, also
    # copies of the cookie (the cookie itself is only signed, not stored here).
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def user_role(self) -> Role:
        return Role(self.role)

    def may(self, *roles: Role) -> bool:
        """Admins may everything; otherwise the role must be one of ``roles``."""
        return self.user_role is Role.ADMIN or self.user_role in roles


def add_user(
    session: Session, username: str, password: str, role: Role, department: str | None = None
) -> User:
    username = username.strip()
    if not username or len(username) > 100 or any(c.isspace() for c in username):
        raise UserError("Der Benutzername darf nicht leer sein und keine Leerzeichen enthalten.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    if role is Role.LOTSE and not department:
        raise UserError("Digitallotsen gehören zu einem Amt: bitte die Kennziffer angeben.")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserError(f"Den Benutzer „{username}“ gibt es schon.")
    user = User(
        username=username,
        password_hash=_hasher.hash(password),
        role=role.value,
        department_code=department or None,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, else None (in constant time)."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = _now()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    user.password_hash = _hasher.hash(password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session of this user stops working at its next request."""
    user.session_generation = (user.session_generation or 0) + 1
