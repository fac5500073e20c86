from django.urls import path

from . import views

app_name = "reportcheck"
urlpatterns = [
    path("", views.check, name="check"),
]
