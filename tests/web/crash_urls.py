"""The site's URLs plus one that crashes, to see the 500 page (settings.ROOT_URLCONF in tests)."""

from django.urls import path

from gongkai.web.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom), *site]
