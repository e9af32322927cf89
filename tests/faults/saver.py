"""A writer saving one story over and over: ``python -m tests.faults.saver URL STORY_ID``; killed from outside.

After each save returns (the transaction committed), prints ``VERSION`` and flushes: a save acknowledged here must
survive any kill that comes after it.
"""

from __future__ import annotations

import sys

from curator.services.library import Library


def main() -> int:
    url, story_id = sys.argv[1], int(sys.argv[2])
    with Library.open(url, attach=True) as library:
        story = library.stories.get(story_id)
        n = 0
        while True:
            n += 1
            fields = story.fields().replace(body=f"{story.body}\n\nParagraph {n} of the saver.")
            story = library.stories.save(story_id, fields, base_version=story.version).story
            print(story.version, flush=True)


if __name__ == "__main__":
    sys.exit(main())
