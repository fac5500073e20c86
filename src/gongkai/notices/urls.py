from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("application/<int:pk>/", views.application_notices, name="application_notices"),
    path("<int:pk>.docx", views.download, {"fmt": "docx"}, name="download_docx"),
    path("<int:pk>.pdf", views.download, {"fmt": "pdf"}, name="download_pdf"),
]
