"""The ceiling for the load figures: one bare Django view (no middleware, database, sessions or
templates), served by the same gunicorn settings in the same run."""

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[],
                   SECRET_KEY="bare-view-for-load-baselines-only-" + "x" * 40)


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("", hello)]
django.setup()

from django.core.wsgi import get_wsgi_application  # after settings are configured

application = get_wsgi_application()
