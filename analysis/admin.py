from django.contrib import admin

from .models import PopulationMargin


@admin.register(PopulationMargin)
class PopulationMarginAdmin(admin.ModelAdmin):
    """Population reference shares; bulk loads go through ``manage.py load_population``."""

    list_display = ["name", "characteristic", "group", "share", "source"]
    list_editable = ["share"]
    list_filter = ["name", "characteristic"]
    search_fields = ["name", "characteristic", "group"]
