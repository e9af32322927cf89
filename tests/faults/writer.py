"""One of many concurrent writers: ``python -m tests.faults.writer URL WORKER ROUNDS START_AT``.

Waits until the wall clock reaches START_AT (so that all writers start together), then, ROUNDS times, creates a
story with the same headline as every other writer and saves it with a tag no one has yet but every writer
introduces in the same round. Prints one JSON line: the ids made, the tags written and every error by name.
"""

from __future__ import annotations

import json
import sys
import time

from curator.domain.stories import StoryFields
from curator.services.library import Library


def main() -> int:
    url, worker, rounds, start_at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    errors: list[str] = []
    ids: list[int] = []
    saves = 0
    with Library.open(url, attach=True) as library:
        library.search.count()  # connected before the start
        time.sleep(max(0.0, start_at - time.time()))
        for n in range(rounds):
            try:
                result = library.stories.create(StoryFields(headline="Race", body=f"Writer {worker}, round {n}."))
                story = result.story
                ids.append(story.id)
                fields = story.fields().replace(tags=(f"Round {n}", "Race day"))
                library.stories.save(story.id, fields, base_version=story.version)
                saves += 1
            except Exception as exc:  # every failure is counted and named, none stops the writer
                cause = exc.__cause__.orig if getattr(exc.__cause__, "orig", None) is not None else exc.__cause__
                why = str(cause).splitlines()[0][:300] if cause else ""
                errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]} ({why})")
    print(json.dumps({"worker": worker, "ids": ids, "saves": saves, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
