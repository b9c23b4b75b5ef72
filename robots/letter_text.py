"""What the routing rules and the e-file robot both read in a letter's text: its subject line.

One definition, so that the line the rules count twice ("im Betreff") is the
line the e-file robot types as the subject.
"""

from __future__ import annotations

import re

SUBJECT_LABEL = re.compile(
    r"^\s*(?:Betreff\b|Betr\.|Betrifft\b|Thema\b|Subject\b)\s*:?\s*", re.IGNORECASE
)


def labelled_subject(lines: list[str]) -> str | None:
    """The text after the first "Betreff:" (or Betr., Betrifft, Thema, Subject).

    A label alone on its line (scans often put the subject below it) takes the
    next line that has text.
    """
    for index, line in enumerate(lines):
        match = SUBJECT_LABEL.match(line)
        if match is None:
            continue
        rest = line[match.end() :].strip()
        if rest:
            return rest
        following = next((later.strip() for later in lines[index + 1 :] if later.strip()), "")
        if following:
            return following
    return None
