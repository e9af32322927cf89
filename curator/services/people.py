"""The desk's people: who they are, their roles, and what each role may do (checked here, for every face).

The acting person of a library is set when it is opened (``Library.open(url, actor=NAME)``; the command line's
``--as``, ``$CURATOR_USER`` or the profile in settings.toml; the app's profile). While a library has no people at
all it is one person's library and every right is theirs; once a desk has people, an actor who is not one of them
has no rights beyond drafting, commenting and checking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.errors import CuratorError
from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.desk import DEFAULT_RIGHTS, Person, Right, Role
from curator.domain.errors import NotFoundError, ValidationError
from curator.services.validate import clean_line


class PermissionDeniedError(CuratorError):
    """The acting person's role does not allow this. Nothing was written."""


def initials_of(name: str) -> str:
    return "".join(word[0] for word in name.split()[:3]).upper()


def _person(row: m.Person) -> Person:
    return Person(row.id, row.name, row.initials, Role(row.role), row.login)


_RIGHT_WORDS = {
    Right.PUBLISH: "move stories to Published",
    Right.PURGE: "delete stories for good",
    Right.MANAGE_PEOPLE: "change other people's roles",
}


class PeopleService:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        actor: str = "",
        rights: Mapping[Right, frozenset[Role]] | None = None,
    ) -> None:
        self._sf = session_factory
        self.actor = clean_line(actor)
        self.rights = dict(rights or DEFAULT_RIGHTS)

    # ------------------------------------------------------------------------------------------- reading

    def all(self) -> list[Person]:
        with read_session(self._sf) as s:
            return [_person(r) for r in s.scalars(select(m.Person).order_by(m.Person.key))]

    def get(self, name: str) -> Person | None:
        with read_session(self._sf) as s:
            row = s.scalar(select(m.Person).where(m.Person.key == clean_line(name).casefold()))
            return _person(row) if row is not None else None

    def me(self) -> Person | None:
        return self.get(self.actor) if self.actor else None

    def names(self) -> list[str]:
        return [p.name for p in self.all()]

    # ------------------------------------------------------------------------------------------- writing

    def join(self, name: str, *, role: Role = Role.EDITOR, initials: str = "", login: str = "") -> Person:
        """Add ``name`` to the desk (or update their initials). The first person may take any role; after that a
        role with rights (an editor's) is given by someone who has them."""
        name = clean_line(name)
        if not name:
            raise ValidationError("name", "a person needs a name")
        with write_session(self._sf) as s:
            row = s.scalar(select(m.Person).where(m.Person.key == name.casefold()))
            if row is not None:
                if initials:
                    row.initials = initials[:8]
                return _person(row)
            first = not s.scalar(select(func.count()).select_from(m.Person))
            if not first and any(role in roles for roles in self.rights.values()):
                self._require(s, Right.MANAGE_PEOPLE, doing=f"add {name} as {role.label.lower()}")
            row = m.Person(
                name=name,
                key=name.casefold(),
                initials=(initials or initials_of(name))[:8],
                role=role.value,
                login=login,
            )
            s.add(row)
            s.flush()
            return _person(row)

    def set_role(self, name: str, role: Role) -> Person:
        with write_session(self._sf) as s:
            row = s.scalar(select(m.Person).where(m.Person.key == clean_line(name).casefold()))
            if row is None:
                raise NotFoundError(f"nobody called {name!r} is on the desk")
            self._require(s, Right.MANAGE_PEOPLE, doing=f"make {row.name} {role.label.lower()}")
            row.role = role.value
            return _person(row)

    # ---------------------------------------------------------------------------------------------- rights

    def require(self, session: Session, right: Right) -> None:
        """Raise :class:`PermissionDeniedError` unless the actor may exercise ``right`` (inside a transaction)."""
        self._require(session, right)

    def allowed(self, right: Right) -> bool:
        with read_session(self._sf) as s:
            try:
                self._require(s, right)
            except PermissionDeniedError:
                return False
            return True

    def _require(self, s: Session, right: Right, *, doing: str = "") -> None:
        if not s.scalar(select(func.count()).select_from(m.Person)):
            return  # one person's library: every right is theirs
        roles = self.rights.get(right, frozenset())
        row = s.scalar(select(m.Person).where(m.Person.key == self.actor.casefold())) if self.actor else None
        if row is not None and Role(row.role) in roles:
            return
        who = f"{row.name} ({Role(row.role).label.lower()})" if row is not None else (self.actor or "you")
        allowed = " or ".join(sorted(r.label.lower() + "s" for r in roles)) or "nobody"
        what = doing or _RIGHT_WORDS[right]
        hint = "" if row is not None or not self.actor else "; join the desk first (curator people join)"
        if row is None and not self.actor:
            hint = "; say who you are with --as NAME or in Preferences"
        raise PermissionDeniedError(f"{who} cannot {what}: only {allowed} can{hint}")


def parse_rights(table: Mapping[str, Sequence[str]]) -> dict[Right, frozenset[Role]]:
    """``[desk] rights`` from settings.toml: {"publish": ["editor", "producer"], …} over the defaults."""
    rights = dict(DEFAULT_RIGHTS)
    for key, roles in table.items():
        try:
            right = Right(key)
            rights[right] = frozenset(Role.parse(r) for r in roles)
        except ValueError as exc:
            raise ValidationError(f"[desk] rights.{key}", str(exc)) from None
    return rights
