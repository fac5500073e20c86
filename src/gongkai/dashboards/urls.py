from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:agency_id>/", views.agency, name="agency"),
    path("<int:agency_id>/records/", views.record_list, name="records"),
    path("<int:agency_id>/<slug:table>.xlsx", views.export, name="export"),
]
