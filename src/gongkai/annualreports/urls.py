from django.urls import path, register_converter

from . import views


class ScopeConverter:
    regex = "self|tree"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class YearConverter:
    # Report years since the Regulation took effect (2008); four digits keep dates valid.
    regex = "20[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ScopeConverter, "scope")
register_converter(YearConverter, "year")

R = "<int:agency_id>/<year:year>/<scope:scope>/"
CELL = "<slug:table>/<str:row>/<slug:col>/"

app_name = "annual"
urlpatterns = [
    path("", views.index, name="index"),
    path("register/import/", views.register_import, name="register_import"),
    path(R, views.report_page, name="report"),
    path(R + "cell/" + CELL, views.cell, name="cell"),
    path(R + "export.<slug:fmt>", views.export, name="export"),
    path(R + "text/", views.narrative_edit, name="narrative"),
    path(R + "publish/", views.publish_view, name="publish"),
    path(R + "v<int:version>/", views.version_page, name="version"),
    path(R + "v<int:version>/cell/" + CELL, views.version_cell, name="version_cell"),
    path(R + "v<int:version>/export.<slug:fmt>", views.version_export, name="version_export"),
]
