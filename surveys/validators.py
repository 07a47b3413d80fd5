"""The floor under every survey's disclosure threshold (standards.md §3.1), for the model, its
forms (admin, builder), definition imports and XLSForm imports alike."""

from django.core.exceptions import ValidationError

from engagement.checks import STANDARD_MIN_GROUP_SIZE

MIN_GROUP_SIZE_MESSAGE = (f"The minimum group size must be at least {STANDARD_MIN_GROUP_SIZE}: smaller groups "
                          "could identify the people in them")


def min_group_size_floor(value) -> None:
    if value is None or value < STANDARD_MIN_GROUP_SIZE:
        raise ValidationError(MIN_GROUP_SIZE_MESSAGE, code="min_group_size_floor")
