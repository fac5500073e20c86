"""`{% ui "名称" %}` marks a name shown on a page; `{% shot "name" %}` places a screenshot."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from ..guides import SHOTS

register = template.Library()


@register.simple_tag
def ui(label: str):
    return format_html('<span class="ui">“{}”</span>', label)


@register.simple_tag
def shot(name: str):
    s = SHOTS[name]  # an unknown name is a template error: tests/guide checks every guide renders
    return format_html(
        '<figure id="shot-{}"><img src="{}" alt="{}" loading="lazy" width="{}"><figcaption>{}</figcaption></figure>',
        name,
        static(f"guide/shots/{name}.png"),
        s.caption,
        min(s.width, 960),
        s.caption,
    )
