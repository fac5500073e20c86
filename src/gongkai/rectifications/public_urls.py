from django.urls import path

from . import public_views

app_name = "complaints"
urlpatterns = [
    path("", public_views.new, name="new"),
    path("done/", public_views.done, name="done"),
    path("status/", public_views.status, name="status"),
]
