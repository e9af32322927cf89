"""Saved searches: queries kept in the library under a name, for the sidebar and ``curator list --saved``.

A saved search is shared with everyone on the library unless it is saved as personal: then it belongs to the
person saving it (their profile's name, ``--as`` or ``$CURATOR_USER``; without any of these, their login name) and
only they see it. Names are unique among what one person sees: a personal search may not take a shared one's
name, so that a name always means one query. Queries are checked when saved, so a saved search always runs.
"""

from __future__ import annotations

import builtins  # the service has a method named list: annotations inside it say builtins.list
import getpass
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from curator.core.text import fold
from curator.db import models as m
from curator.db.engine import read_session, write_session
from curator.domain.errors import NotFoundError, ValidationError
from curator.domain.searches import SavedSearch
from curator.domain.stories import Scope
from curator.search.query import QuerySyntaxError, parse
from curator.services.search import SearchService

MAX_NAME = 200


def login_name() -> str:
    """The operating system's name for who is logged in ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""


def _key(name: str) -> str:
    return " ".join(fold(name).split())[:MAX_NAME]


def _dto(row: m.SavedSearch) -> SavedSearch:
    return SavedSearch(id=row.id, name=row.name, query=row.query, owner=row.owner, position=row.position)


class SavedSearchService:
    def __init__(self, session_factory: sessionmaker[Session], search: SearchService, owner: Callable[[], str]) -> None:
        """``owner()`` names the person whose personal searches are theirs (asked at each call: the app may learn
        who is working after the library is open)."""
        self._sf = session_factory
        self._search = search
        self._owner = owner

    @property
    def owner(self) -> str:
        return self._owner()

    # ------------------------------------------------------------------------------------------ reading

    def list(self) -> list[SavedSearch]:
        """The saved searches this person sees (shared ones and their own), in the sidebar's order."""
        with read_session(self._sf) as s:
            return [_dto(r) for r in self._visible(s)]

    def get(self, name: str) -> SavedSearch:
        with read_session(self._sf) as s:
            return _dto(self._find(s, name))

    def counts(self, cancelled: Callable[[], bool] | None = None) -> dict[int, int]:
        """How many stories each visible saved search finds now ({id: count}); a pass over each one's matches,
        so call it off the UI thread. A search whose query no longer parses counts nothing and is left out."""
        out: dict[int, int] = {}
        for saved in self.list():
            if cancelled is not None and cancelled():
                break
            try:
                out[saved.id] = self._search.count(saved.query, scope=Scope.ACTIVE)
            except QuerySyntaxError:
                continue
        return out

    # ------------------------------------------------------------------------------------------ writing

    def save(self, name: str, query: str, *, personal: bool = False, replace: bool = False) -> SavedSearch:
        """Keep ``query`` under ``name`` (last in the order); ``replace`` gives an existing search of that name the
        new query instead of refusing."""
        name = self._checked_name(name)
        query = self._checked_query(query)
        owner = self._personal_owner() if personal else ""
        with write_session(self._sf) as s:
            existing = self._lookup(s, name)
            if existing is not None:
                if not replace:
                    raise ValidationError("name", f"a saved search named “{existing.name}” exists already")
                if existing.owner != owner:
                    where = "shared" if not existing.owner else "personal"
                    raise ValidationError("name", f"“{existing.name}” is a {where} saved search; pick another name")
                existing.query = query
                existing.updated_at = datetime.now(UTC)
                s.flush()
                return _dto(existing)
            last = max((r.position for r in self._visible(s)), default=-1)
            row = m.SavedSearch(name=name, key=_key(name), query=query, owner=owner, position=last + 1)
            s.add(row)
            s.flush()
            return _dto(row)

    def rename(self, name: str, new_name: str) -> SavedSearch:
        new_name = self._checked_name(new_name)
        with write_session(self._sf) as s:
            row = self._find(s, name)
            other = self._lookup(s, new_name)
            if other is not None and other.id != row.id:
                raise ValidationError("name", f"a saved search named “{other.name}” exists already")
            row.name, row.key, row.updated_at = new_name, _key(new_name), datetime.now(UTC)
            s.flush()
            return _dto(row)

    def move(self, name: str, position: int) -> builtins.list[SavedSearch]:
        """Move a saved search to ``position`` (0-based, among the searches this person sees); returns the new
        order."""
        with write_session(self._sf) as s:
            rows = self._visible(s)
            row = self._find(s, name)
            if not 0 <= position < len(rows):
                raise ValidationError("position", f"must be between 1 and {len(rows)}")
            rows = [r for r in rows if r.id != row.id]
            rows.insert(position, row)
            # Positions are renumbered over what this person sees; others' personal searches keep theirs, so
            # the order stays stable for everyone (ties fall back to creation order).
            for i, r in enumerate(rows):
                r.position = i
            s.flush()
            return [_dto(r) for r in rows]

    def delete(self, name: str) -> SavedSearch:
        with write_session(self._sf) as s:
            row = self._find(s, name)
            gone = _dto(row)
            s.delete(row)
            return gone

    # ----------------------------------------------------------------------------------------- internals

    def _personal_owner(self) -> str:
        owner = self._owner().strip()
        if not owner:
            raise ValidationError("owner", "a personal saved search needs your name: set [profile] name or --as")
        return owner[:MAX_NAME]

    def _visible(self, s: Session) -> builtins.list[m.SavedSearch]:
        owner = self._owner().strip()
        stmt = select(m.SavedSearch).order_by(m.SavedSearch.position, m.SavedSearch.id)
        mine = or_(m.SavedSearch.owner == "", m.SavedSearch.owner == owner) if owner else m.SavedSearch.owner == ""
        stmt = stmt.where(mine)
        return list(s.scalars(stmt))

    def _lookup(self, s: Session, name: str) -> m.SavedSearch | None:
        key = _key(name)
        return next((r for r in self._visible(s) if r.key == key), None)

    def _find(self, s: Session, name: str) -> m.SavedSearch:
        row = self._lookup(s, name)
        if row is None:
            raise NotFoundError(f"there is no saved search named “{name.strip()}” (curator saved lists them)")
        return row

    @staticmethod
    def _checked_name(name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("name", "a saved search needs a name")
        if len(name) > MAX_NAME:
            raise ValidationError("name", f"at most {MAX_NAME} characters")
        return name

    @staticmethod
    def _checked_query(query: str) -> str:
        query = query.strip()
        if not query:
            raise ValidationError("query", "an empty query finds every story; type what to search for")
        parse(query)  # raises a one-line syntax error naming what is wrong
        return query
