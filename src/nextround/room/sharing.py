"""What a participant may share with the room, checked before it leaves, and how it is sent.

Sharing exists only on a workshop hub: :func:`room_connection` finds the room service from
the variables the hub gives each participant's server, and returns None anywhere else, in
which case nothing is ever sent. Each send is one HTTP request made after a click, carrying
the participant's own hub token (never a name: the room service keeps no names).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Final, Literal

from nextround._text import Span

#: The variables a hub sets on each participant's server (hub/jupyterhub_config.py).
ROOM_URL_VAR: Final = "NEXTROUND_ROOM_URL"
TOKEN_VAR: Final = "JUPYTERHUB_API_TOKEN"  # noqa: S105 -- a variable's name, not a secret

QUESTION_MIN: Final = 8
QUESTION_MAX: Final = 300
MODULE_MAX: Final = 20
TIMEOUT_SECONDS: Final = 5

Kind = Literal["question", "mood", "module"]

#: Capitalised words that open many questions or are not names of people or companies.
_NOT_NAMES: Final = frozenset(
    {
        "I",
        "I'm",
        "I've",
        "I'd",
        "I'll",
        "OK",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "English",
        "CV",
        "STAR",
    }
)
_WORD: Final = re.compile(r"[^\W\d_][\w'’&.-]*", re.UNICODE)
_EMAIL_OR_LINK: Final = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)


class ShareError(ValueError):
    """Something that cannot be shared as it is; the message says why, in plain words."""


class RoomUnavailableError(OSError):
    """The room service could not be reached or refused the item; the message is for people."""


def validate_question(text: str) -> str:
    """The question to share, tidied (spaces collapsed); :class:`ShareError` if unusable."""
    tidy = " ".join(text.split())
    if len(tidy) < QUESTION_MIN:
        raise ShareError("Write the question first: a few words at least.")
    if len(tidy) > QUESTION_MAX:
        raise ShareError(
            f"That is {len(tidy)} characters. Keep the question under {QUESTION_MAX}: "
            "just the question, not the story around it."
        )
    if _EMAIL_OR_LINK.search(tidy):
        raise ShareError(
            "Take out the email address or web link first: the room only needs the question."
        )
    return tidy


def validate_mood(mood: int) -> int:
    """A mood on the check-in scale (1 to 5); :class:`ShareError` otherwise."""
    if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
        raise ShareError("Save your check-in first, then you can share how you feel.")
    return mood


def validate_module(module: int) -> int:
    """A module number the room can count; :class:`ShareError` otherwise."""
    if isinstance(module, bool) or not isinstance(module, int) or not 0 <= module <= MODULE_MAX:
        raise ShareError("That is not a module of this course.")
    return module


def possible_names(text: str) -> list[Span]:
    """Capitalised words inside a sentence: perhaps names of people, companies or places.

    A word that opens a sentence is not flagged (most questions start with a capital), nor
    are days, months and a few common capitalised words. This is a warning for the preview,
    not a filter: the participant decides.
    """
    found: list[Span] = []
    for match in _WORD.finditer(text):
        word = match.group(0).rstrip(".'’-")
        if not word[:1].isupper() or word in _NOT_NAMES:
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in '.!?:;"“(':
            continue
        found.append(Span(match.start(), match.start() + len(word), word))
    return found


@dataclass(frozen=True, slots=True)
class RoomConnection:
    """Where this participant's room service is, and the hub token that proves who sends."""

    url: str
    token: str

    def send(self, kind: Kind, value: str | int) -> None:
        """Send one shared item; :class:`RoomUnavailableError` with a plain message if it fails."""
        body = json.dumps({"value": value}).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 -- the hub's own service URL
            self.url.rstrip("/") + f"/api/{kind}",
            data=body,
            method="POST",
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 400:
                raise RoomUnavailableError(
                    "The room could not take this: check it and try again."
                ) from exc
            raise RoomUnavailableError(
                "The room did not accept this just now. Try again in a minute, or tell the "
                "facilitator."
            ) from exc
        except (OSError, ValueError) as exc:
            raise RoomUnavailableError(
                "The room cannot be reached just now. Nothing was shared. Try again in a "
                "minute, or tell the facilitator."
            ) from exc


def room_connection(environ: dict[str, str] | None = None) -> RoomConnection | None:
    """The room service of the workshop hub this runs on, or None when not on a hub."""
    env = os.environ if environ is None else environ
    url = env.get(ROOM_URL_VAR, "").strip()
    token = env.get(TOKEN_VAR, "").strip()
    if not url or not token or not url.startswith(("http://", "https://")):
        return None
    return RoomConnection(url, token)
