from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    """django.contrib.admin with the site of admin_site.py (loaded once the apps are ready)."""

    default_site = "gongkai.web.admin_site.GongkaiAdminSite"
