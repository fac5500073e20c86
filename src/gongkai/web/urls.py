"""URLs: Django admin for reference data, login, the staff side under /staff/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.web.login import LoginForm

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="staff:application_list", permanent=False)),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include("gongkai.applications.staff_urls")),
    path("annual/", include("gongkai.annualreports.urls")),
    path("staff/online/", include("gongkai.portal.staff_urls")),
    path("staff/notices/", include("gongkai.notices.urls")),
    path("staff/files/", include("gongkai.casefiles.urls")),
    path("portal/", include("gongkai.portal.urls")),
    path("api/", include("gongkai.api.urls")),
    path("guide/", include("gongkai.guide.urls")),
    path("zfxxgk/", include("gongkai.zfxxgk.urls")),
    path("staff/catalogue/", include("gongkai.catalogue.urls")),
    path("check/", include("gongkai.reportcheck.urls")),
]
