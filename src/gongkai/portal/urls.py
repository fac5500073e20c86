from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/done/", views.submitted, name="submitted"),
    path("receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("correction/", views.correction, name="correction"),
    path("correction/done/", views.correction_done, name="correction_done"),
    path("reply.pdf", views.reply_pdf, name="reply_pdf"),
    path("files/<int:pk>/", views.released_file, name="released_file"),
]
