from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("new/", views.batch_create, name="batch_create"),
    path("from-system/", views.batch_from_system, name="batch_from_system"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/progress/", views.batch_progress, name="progress"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/export.xlsx", views.export, name="export"),
    path("report/<int:pk>/", views.report, name="report"),
]
