"""Daily (deploy/gongkai-reminders.timer): print, and e-mail where an address is known, each
handler's overdue and due-soon applications. The mails are background jobs (the worker sends them)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications.reminders import reminders
from gongkai.applications.tasks import send_reminder


class Command(BaseCommand):
    help = "提醒承办人：已逾期和即将到期的政府信息公开申请"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--no-email", action="store_true", help="只打印，不发送邮件")

    def handle(self, *args, date=None, no_email=False, **options):
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as e:
            raise CommandError(f"--date 应为 YYYY-MM-DD：{date}") from e
        sent = 0
        found = reminders(today, settings.DUE_SOON_WORKING_DAYS)
        for reminder in found:
            text = reminder.text()
            self.stdout.write(text + "\n")
            if reminder.user.email and not no_email:
                send_reminder.enqueue(reminder.user.email, "政府信息公开申请办理期限提醒", text)
                sent += 1
        self.stdout.write(f"共提醒{len(found)}人，发送邮件{sent}封。")
