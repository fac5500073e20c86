"""Who may do what, decided in one place.

Every view, the API, the notices, the annual report, the catalogue, supervision and the admin
ask this module, never `Membership` or `is_superuser` directly. An `Access` is built once per
request (`access_for(request)`) from the user's memberships and the agency tree.

The decisions:
- roles are held per agency (《条例》第四条: each body designates its own GIO work body);
- a case role (登记、承办、审核签发) at an agency lets a user read and work on that agency's cases and
  see the applicants' personal data in full;
- a supervisor reads everything below the agency they supervise, personal data masked
  (《条例》第四十七条: the 主管部门 supervises, it does not handle);
- an approver or an administrator publishes for their agency (annual reports, catalogue items);
- an administrator maintains the reference data of their agency and everything below it;
- a superuser is the installation's system administrator: they administer every agency, read
  every agency's records with personal data masked, and maintain the national holiday table;
  they handle and publish nothing unless a membership grants it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import CASE_ROLES, Agency, Membership, Role

PUBLISHING_ROLES = frozenset({Role.APPROVER, Role.ADMINISTRATOR})


def _subtrees(roots: Iterable[int]) -> frozenset[int]:
    """The given agencies and every agency below them (one query per tree level)."""
    found = set(roots)
    frontier = list(found)
    while frontier:
        below = Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        frontier = [pk for pk in below if pk not in found]
        found.update(frontier)
    return frozenset(found)


@dataclass(frozen=True)
class Access:
    """What one user may do, per agency. Build it with `access_for`."""

    user_id: int | None
    is_superuser: bool = False
    # The roles held at exactly each agency, from the user's memberships.
    roles: dict[int, frozenset[str]] = field(default_factory=dict)
    reads: frozenset[int] = frozenset()
    handles: frozenset[int] = frozenset()
    publishes: frozenset[int] = frozenset()
    administers: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def manages_calendar(self) -> bool:
        """The national holiday table is system-wide reference data: superusers only."""
        return self.is_superuser

    def roles_at(self, agency_id: int) -> frozenset[str]:
        return self.roles.get(agency_id, frozenset())

    def has_role(self, agency_id: int, allowed: Iterable[str]) -> bool:
        return bool(self.roles_at(agency_id) & frozenset(allowed))

    def can_read(self, agency_id: int) -> bool:
        return agency_id in self.reads

    def can_handle(self, agency_id: int) -> bool:
        return agency_id in self.handles

    def can_publish(self, agency_id: int) -> bool:
        return agency_id in self.publishes

    def can_administer(self, agency_id: int) -> bool:
        return agency_id in self.administers

    def sees_personal_data(self, agency_id: int) -> bool:
        """Applicants' identity and contact details in full: only the staff handling the case."""
        return agency_id in self.handles


ANONYMOUS = Access(user_id=None)


def build_access(user) -> Access:
    """The access of one user, from their memberships (use `access_for` in views)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    roles: dict[int, set[str]] = {}
    for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
        roles.setdefault(agency_id, set()).add(role)
    held = {agency_id: frozenset(r) for agency_id, r in roles.items()}
    supervised = [a for a, r in held.items() if Role.SUPERVISOR in r]
    administered = [a for a, r in held.items() if Role.ADMINISTRATOR in r]
    if user.is_superuser:
        everything = frozenset(Agency.objects.values_list("pk", flat=True))
        reads = administers = everything
    else:
        administers = _subtrees(administered)
        reads = _subtrees(supervised) | frozenset(held)
    return Access(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        roles=held,
        reads=reads,
        handles=frozenset(a for a, r in held.items() if r & CASE_ROLES),
        publishes=frozenset(a for a, r in held.items() if r & PUBLISHING_ROLES),
        administers=administers,
    )


def access_for(request_or_user) -> Access:
    """The access of the request's user, built once per request."""
    request = request_or_user if hasattr(request_or_user, "user") and hasattr(request_or_user, "method") else None
    if request is None:
        return build_access(request_or_user)
    cached = getattr(request, "_gongkai_access", None)
    if cached is None or cached.user_id != getattr(request.user, "pk", None):
        cached = build_access(request.user)
        request._gongkai_access = cached
    return cached
