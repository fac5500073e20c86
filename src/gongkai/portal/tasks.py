"""Background work of the portal: telling the agency's registrars that an application arrived
online (网上申请待确认), so it is confirmed promptly (《条例》第三十一条第（三）项 counts the time
from the confirmation). The mail names the application number only, no personal data."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from gongkai.agencies.models import Membership, Role
from gongkai.applications.models import Application


@task()
def notify_registrars(application_id: int) -> int:
    app = Application.objects.select_related("agency").get(pk=application_id)
    recipients = sorted(
        set(
            Membership.objects.filter(agency=app.agency, role=Role.REGISTRAR, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return 0
    body = (
        f"{app.agency.name}收到一件网上提交的政府信息公开申请（{app.number}），请登录系统确认收到。"
    )
    return send_mail(f"新的网上申请 {app.number}", body, settings.DEFAULT_FROM_EMAIL, recipients)
