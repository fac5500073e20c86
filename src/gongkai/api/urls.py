from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("schema", views.schema_view, name="schema"),
    path("applications", views.applications, name="applications"),
    path("applications/<int:pk>", views.application, name="application"),
    path("applications/<int:pk>/transitions/<slug:action>", views.transition, name="transition"),
    path("applications/<int:pk>/events", views.events, name="events"),
    path("applications/<int:pk>/notices", views.notices, name="notices"),
    re_path(
        r"", views.not_found, name="not_found"
    ),  # last: every other /api/ path answers a JSON 404
]
