"""Staff pages for channels: list, create, edit, deactivate, bulk import, links, QR codes, posters.

Every view asks ``engagement.access`` (through ``channels.can_manage_channel`` or the author
role) before doing anything; forms post and redirect, so everything works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from engagement import access
from engagement.models import Role

from . import channels
from .models import Channel
from .staff_forms import ChannelForm, ChannelImportForm, ChannelSearchForm, submitted
from .tabular import TableError

PAGE_SIZE = 50


def _require_author(user) -> None:
    if not access.programmes_for(user, Role.AUTHOR).exists():
        raise PermissionDenied("Managing channels needs the author role.")


def _channel(request, code) -> Channel:
    channel = get_object_or_404(Channel.objects.select_related("programme"), code=code)
    if not channels.can_manage_channel(request.user, channel):
        raise PermissionDenied("You cannot manage this channel.")
    return channel


@login_required
def channel_list(request):
    _require_author(request.user)
    search = ChannelSearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    found = channels.channel_list_for_user(request.user, query=filters.get("q", ""), kind=filters.get("kind", ""))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "surveys_staff/channel_list.html",
                  {"search": search, "page": page, "query": query.urlencode()})


@login_required
@require_http_methods(["GET", "POST"])
def channel_create(request):
    _require_author(request.user)
    form = ChannelForm(*submitted(request, files=False), user=request.user)
    if request.method == "POST" and form.is_valid():
        channel = channels.channel_save(channel=form.save(commit=False), user=request.user)
        messages.success(request, f"Channel ‘{channel.name}’ added")
        return redirect("surveys_staff:channel-detail", code=channel.code)
    return render(request, "surveys_staff/channel_form.html", {"form": form, "channel": None})


@login_required
@require_http_methods(["GET", "POST"])
def channel_edit(request, code):
    channel = _channel(request, code)
    form = ChannelForm(*submitted(request, files=False), instance=channel, user=request.user)
    if request.method == "POST" and form.is_valid():
        channels.channel_save(channel=form.save(commit=False), user=request.user)
        messages.success(request, f"Channel ‘{channel.name}’ saved")
        return redirect("surveys_staff:channel-detail", code=channel.code)
    return render(request, "surveys_staff/channel_form.html", {"form": form, "channel": channel})


@login_required
@require_http_methods(["GET", "POST"])
def channel_deactivate(request, code):
    channel = _channel(request, code)
    if request.method == "POST":
        channels.channel_deactivate(channel=channel, user=request.user)
        messages.success(request, f"Channel ‘{channel.name}’ deactivated")
        return redirect("surveys_staff:channel-detail", code=channel.code)
    return render(request, "surveys_staff/channel_deactivate.html", {"channel": channel})


@login_required
def channel_detail(request, code):
    channel = _channel(request, code)
    links = [(survey, request.build_absolute_uri(channels.share_path(survey, channel)))
             for survey in channels.surveys_for_channel(channel, request.user)]
    return render(request, "surveys_staff/channel_detail.html", {"channel": channel, "links": links})


def _channel_survey(request, code, slug):
    channel = _channel(request, code)
    survey = get_object_or_404(channels.surveys_for_channel(channel, request.user), slug=slug)
    return channel, survey, request.build_absolute_uri(channels.share_path(survey, channel))


@login_required
def channel_qr(request, code, slug):
    """The QR code as SVG, made on our server: no third-party service sees the link."""
    channel, survey, url = _channel_survey(request, code, slug)
    response = HttpResponse(channels.qr_svg(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="qr-{survey.slug}-{channel.code}.svg"'
    return response


@login_required
def channel_poster(request, code, slug):
    channel, survey, url = _channel_survey(request, code, slug)
    short = url.split("://", 1)[-1]
    return render(request, "surveys_staff/channel_poster.html",
                  {"channel": channel, "survey": survey, "url": url, "short_link": short})


@login_required
@require_http_methods(["GET", "POST"])
def channel_import(request):
    _require_author(request.user)
    form = ChannelImportForm(*submitted(request), user=request.user)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = channels.channels_import(uploaded=upload, filename=upload.name, user=request.user,
                                              programme=form.cleaned_data["programme"])
        except TableError as exc:
            form.add_error("file", str(exc))
        except channels.ChannelImportError as exc:
            problems = [f"Row {row}: {message}" for row, message in exc.problems]
        else:
            messages.success(request, f"{result.created} channels added and {result.updated} updated")
            return redirect("surveys_staff:channel-list")
    return render(request, "surveys_staff/channel_import.html",
                  {"form": form, "problems": problems, "kinds": Channel.Kind.choices})
