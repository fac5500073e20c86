from django.urls import path

from . import staff_views

app_name = "online"
urlpatterns = [
    path("<int:pk>/id-document/", staff_views.id_document, name="id_document"),
    path("corrections/", staff_views.corrections, name="corrections"),
]
