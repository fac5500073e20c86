from django.urls import path

from . import staff_views

app_name = "staff"
urlpatterns = [
    path("applications/", staff_views.application_list, name="application_list"),
    path("applications/export.csv", staff_views.application_export, name="application_export"),
    path("applications/new/", staff_views.application_create, name="application_create"),
    path("applications/<int:pk>/", staff_views.application_detail, name="application_detail"),
    path("applications/<int:pk>/<slug:action>/", staff_views.application_transition, name="application_transition"),
]
