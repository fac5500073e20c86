from django.urls import path

from . import views

app_name = "evaluations"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.scheme_detail, name="scheme"),
    path("<int:pk>/ranking.xlsx", views.scheme_xlsx, name="scheme_xlsx"),
    path("<int:pk>/unit/<int:unit>/", views.unit_scores, name="unit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:scheme_pk>/indicator/new/", views.indicator_edit, name="indicator_add"),
    path("indicator/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("indicator/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicator/<int:pk>/unit/<int:unit>/", views.score_entry, name="score_entry"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("records/<slug:key>/<int:unit>/<int:year>/", views.measure_records, name="records"),
]
