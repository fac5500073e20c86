"""The login page is where the site's root sends a visitor: Chinese whatever the browser asks
for, and a way to the public services for a citizen who is not staff."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_shows_chinese_labels_to_a_browser_asking_for_english(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "用户名" in page and "密码" in page
    assert "Username" not in page and "Password" not in page


def test_it_answers_a_wrong_password_in_chinese_to_an_english_browser(client, django_user_model):
    django_user_model.objects.create_user("clerk", password="right-password-1")
    response = client.post(
        reverse("login"),
        {"username": "clerk", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "用户名或密码不正确" in response.content.decode()


def test_it_leads_a_citizen_from_the_site_root_to_the_public_services(client):
    page = client.get("/", follow=True).content.decode()
    for name in ("zfxxgk:index", "portal:home", "reportcheck:check", "complaints:new"):
        assert f'href="{reverse(name)}"' in page, name
