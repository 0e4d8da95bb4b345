"""``{% refused form as fields %}``: the visible fields of a form that were
refused, in the form's order, for the list at its top
(templates/includes/form_fields.html)."""

from django import template
from django.forms import BaseForm, BoundField

register = template.Library()


@register.simple_tag
def refused(form: BaseForm) -> list[BoundField]:
    trap = getattr(form, "honeypot_name", None)
    return [field for field in form if field.errors and not field.is_hidden and field.name != trap]
