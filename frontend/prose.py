"""Our own Markdown documents (never respondents' text) as GOV.UK-styled HTML.

GOV.UK Frontend styles classes, not bare elements, so each element gets its component class.
"""

from pathlib import Path
from string import Template
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

GOVUK_CLASSES = {
    "h1": "govuk-heading-xl", "h2": "govuk-heading-l", "h3": "govuk-heading-m", "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet", "ol": "govuk-list govuk-list--number", "a": "govuk-link",
}


class _GovukClasses(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in GOVUK_CLASSES:
                element.set("class", GOVUK_CLASSES[element.tag])


class GovukExtension(Extension):
    def extendMarkdown(self, md):  # Markdown names it so
        md.treeprocessors.register(_GovukClasses(md), "govuk_classes", 0)


def render_document(path: Path, **values: str) -> str:
    """The document as HTML, with ``$name`` placeholders filled from ``values``."""
    text = Template(path.read_text(encoding="utf-8")).safe_substitute(values)
    return markdown.markdown(text, extensions=[GovukExtension()], output_format="html")
