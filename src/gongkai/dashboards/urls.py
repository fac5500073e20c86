from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:agency_id>/", views.agency, name="agency"),
]
