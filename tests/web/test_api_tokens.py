"""API tokens expire, can be revoked (command and admin) and are listed with their state."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.api.models import ApiToken


def _get(client, token):
    return client.get("/api/applications", HTTP_AUTHORIZATION=f"Bearer {token}")


def _command(*args) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_issues_lists_and_revokes_tokens_from_the_command_line(client, world):
    token = _command("a_handler", "--name", "报表脚本", "--days", "30").strip()
    assert _get(client, token).status_code == 200
    row = ApiToken.objects.get()
    assert row.expires_at - timezone.now() > dt.timedelta(days=29) and row.last_used_at is not None
    listing = _command("--list")
    assert f"{row.pk}\ta_handler\t报表脚本\t有效" in listing
    assert token not in listing  # only the digest is stored
    _command("--revoke", str(row.pk))
    response = _get(client, token)
    assert response.status_code == 401 and "吊销" in response.json()["error"]
    assert "已吊销" in _command("--list", "a_handler")


@pytest.mark.django_db
def test_an_expired_token_no_longer_works(client, world):
    row, token = ApiToken.issue(world.handler, "old")
    assert _get(client, token).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _get(client, token).status_code == 401


@pytest.mark.django_db
def test_a_superuser_revokes_tokens_in_the_admin(client, world, django_user_model):
    row, token = ApiToken.issue(world.handler, "script")
    admin = django_user_model.objects.create_superuser("root", password="pw")
    client.force_login(admin)
    page = client.get("/admin/api/apitoken/")
    assert (
        page.status_code == 200
        and "script" in page.content.decode()
        and token not in page.content.decode()
    )
    response = client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [row.pk]}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    client.logout()
    assert _get(client, token).status_code == 401
