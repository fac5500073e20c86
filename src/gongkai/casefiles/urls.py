from django.urls import path

from . import views

app_name = "casefiles"
urlpatterns = [
    path("application/<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
