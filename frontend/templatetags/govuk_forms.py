"""Django form fields rendered with GOV.UK Frontend's classes and ARIA links."""

from django import template

register = template.Library()


@register.filter
def govuk_widget(field, css_class):
    """The field's widget with GOV.UK classes; hint and error messages are linked by id."""
    described_by = [f"{field.id_for_label}-{part}" for part, present in
                    (("hint", field.help_text), ("error", field.errors)) if present]
    attrs = {"class": css_class + (" govuk-input--error" if field.errors and css_class == "govuk-input" else "")}
    if css_class == "govuk-input":
        attrs["class"] += " govuk-input--width-20"
        attrs["spellcheck"] = "false"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
