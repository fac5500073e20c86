from django.urls import path

from . import staff_views

app_name = "staff"
urlpatterns = [
    path("applications/", staff_views.application_list, name="application_list"),
    path(
        "applications/export.csv",
        staff_views.application_export,
        {"fmt": "csv"},
        name="application_export",
    ),
    path(
        "applications/export.xlsx",
        staff_views.application_export,
        {"fmt": "xlsx"},
        name="application_export_xlsx",
    ),
    path("applications/new/", staff_views.application_create, name="application_create"),
    path("applications/<int:pk>/", staff_views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/<slug:action>/",
        staff_views.application_transition,
        name="application_transition",
    ),
    path("tasks/", staff_views.my_tasks, name="my_tasks"),
    path("to-sign/", staff_views.to_sign, name="to_sign"),
    path("overview/", staff_views.overview, name="overview"),
]
