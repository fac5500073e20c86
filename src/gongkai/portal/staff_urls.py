from django.urls import path

from . import staff_views

app_name = "online"
urlpatterns = [
    path("", staff_views.inbox, name="inbox"),
    path("<int:pk>/", staff_views.detail, name="detail"),
    path("<int:pk>/id-document/", staff_views.id_document, name="id_document"),
]
