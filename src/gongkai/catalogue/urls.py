"""Staff URLs of the catalogue, under /staff/catalogue/ (the public 专栏 is gongkai.zfxxgk's)."""

from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("export.xlsx", views.item_export, name="item_export"),
    path("new/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/<slug:action>/", views.item_action, name="item_action"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_status, name="import_status"),
    path("lookup/", views.lookup, name="lookup"),
]
