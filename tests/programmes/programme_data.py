"""The programme survey definitions as shipped in surveys/demo."""

import email
import json
import re

from surveys.demo.loading import DEMO_DIR


def demo(name: str) -> dict:
    return json.loads((DEMO_DIR / f"{name}.json").read_text())


def walk(client, slug: str, answers: dict[str, dict]) -> list[str]:
    """Begin a survey and continue page by page to check-your-answers, posting
    ``answers[page key]`` on each page (nothing on pages not given). Returns the page keys
    shown, in order. Every step is a plain form post, as in a browser without JavaScript."""
    reply = client.post(f"/s/{slug}/begin/", {"language": "en"})
    assert reply.status_code == 302, reply.status_code
    shown = []
    while "/check/" not in reply.url:
        key = reply.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        assert len(shown) < 100 and key not in shown, shown
        shown.append(key)
        reply = client.post(reply.url, {**answers.get(key, {}), "action": "continue"})
        assert reply.status_code == 302, (key, reply.content.decode()[:3000])
    return shown


def submit(client, slug: str):
    return client.post(f"/s/{slug}/check/")


def mail_tokens(directory) -> dict[str, str]:
    """Each person's latest invitation token, read from the file email backend's log."""
    tokens = {}
    for path in sorted(directory.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
        for text in path.read_text().split("\n" + "-" * 79 + "\n"):
            message = email.message_from_string(text.strip())
            link = re.search(r"/staff/people/invite/([^/\s]+)/", message.get_payload(decode=True).decode())
            if message["To"] and link:
                tokens[message["To"]] = link.group(1)
    return tokens
