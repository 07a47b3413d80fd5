import re

from django.utils.translation import gettext as _

from .base import QuestionKind

# Control characters have no place in an answer and break exports; keep tabs and newlines. Bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) go too: they make a quote
# display reversed or reordered in the review queue and spreadsheets ("Trojan Source"). The
# marks U+200E/U+200F stay: Arabic and Urdu answers use them and they reorder nothing beyond a letter.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class TextQuestion(QuestionKind):
    type = "text"
    default_max_length = 500

    def required_message(self, q):
        return _("Enter an answer")

    def clean_value(self, q, value):
        if not isinstance(value, str):
            self.fail(q, _("Enter your answer as text"))
        text = _CONTROL.sub("", value).strip()
        limit = q.get("max_length") or self.default_max_length
        if len(text) > limit:
            self.fail(q, _("Answer must be %(limit)s characters or fewer") % {"limit": limit})
        return text


class LongTextQuestion(TextQuestion):
    type = "long_text"
    default_max_length = 5000
