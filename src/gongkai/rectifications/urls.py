from django.urls import path

from . import views

app_name = "rectifications"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.issue, name="issue"),
    path("<int:pk>/", views.notice_detail, name="notice"),
    path("addressee/<int:pk>/answer/", views.answer, name="answer"),
    path("addressee/<int:pk>/review/", views.review, name="review"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
]
