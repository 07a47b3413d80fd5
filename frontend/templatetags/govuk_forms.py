"""GOV.UK Frontend helpers for templates: form fields with GOV.UK classes and ARIA links, unique ids."""

import itertools

from django import template

register = template.Library()

# GOV.UK's class for each kind of widget, and the one it adds in error; anything else is a
# text-like input (email, password, code).
WIDGET_CLASSES = {"checkbox": ("govuk-checkboxes__input", ""), "select": ("govuk-select", "govuk-select--error"),
                  "textarea": ("govuk-textarea", "govuk-textarea--error")}
TEXT_INPUT = ("govuk-input govuk-input--width-20", "govuk-input--error")


@register.filter
def govuk_widget(field):
    """The field's widget with GOV.UK classes; its hint and error message are linked by id."""
    css, error_css = WIDGET_CLASSES.get(field.widget_type, TEXT_INPUT)
    attrs = {"class": f"{css} {error_css}" if field.errors and error_css else css}
    if field.widget_type not in WIDGET_CLASSES:
        attrs["spellcheck"] = "false"
    described_by = [f"{field.id_for_label}-{part}" for part, present in
                    (("hint", field.help_text), ("error", field.errors)) if present]
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


_ids = itertools.count(1)


@register.simple_tag
def unique_id(prefix):
    """An id no other element on the page has (e.g. a caption naming its table's scroll box)."""
    return f"{prefix}-{next(_ids)}"
