"""Who may do what, decided in one place.

Every view, the API, the notices, the annual report, the catalogue, supervision and the admin
ask this module, never `Membership` or `is_superuser` directly. An `Access` is built once per
request (`access_for(request)`) from the user's memberships and the agency tree; services, which
check inside their own transaction, ask `roles_at(user, agency_id)` afresh.

The decisions:
- roles are held per agency (《条例》第四条: each body designates its GIO work body);
- a case role (登记、承办、审核签发) at an agency lets a user read and work on that agency's cases and
  see the applicants' personal data in full (identity document number, phone, e-mail, address);
- a supervisor reads everything below the agency they supervise, personal data masked
  (《条例》第四十七条: the 主管部门 supervises, it does not handle); so does an administrator for
  their own agency's cases;
- an approver or an administrator publishes for their agency (annual reports, catalogue items);
- an administrator maintains the reference data of their agency and everything below it: the
  agencies, and the roles of users who already work there (never their own roles, never users of
  other agencies, whom they do not see);
- the national holiday table is system-wide: kept by superusers and by users given the Django
  permission `holidays.change_holidayyear` (the group 节假日表维护, `CALENDAR_GROUP`), never by
  an agency administrator as such;
- a superuser is the installation's system administrator: they administer every agency, read
  every agency's records with personal data masked, and maintain the national holiday table;
  they handle and publish nothing unless a membership grants it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import CASE_ROLES, Agency, Membership, Role

PUBLISHING_ROLES = frozenset({Role.APPROVER, Role.ADMINISTRATOR})
# Roles that enter applications (登记): the registrar, and the handler where there is none.
REGISTERING_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER})

# The national holiday table's keepers: a Django permission, given through this group.
CALENDAR_PERMISSION = "holidays.change_holidayyear"
CALENDAR_GROUP = "节假日表维护"
CALENDAR_CODENAMES = (
    "view_holidayyear",
    "add_holidayyear",
    "change_holidayyear",
    "delete_holidayyear",
    "view_specialday",
    "add_specialday",
    "change_specialday",
    "delete_specialday",
)


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
    registers: frozenset[int] = frozenset()
    # The user, for the one decision that needs Django's permissions (asked only when needed).
    user: object = field(default=None, compare=False, repr=False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def manages_calendar(self) -> bool:
        """The national holiday table is system-wide reference data (see the module docstring)."""
        if self.is_superuser:
            return True
        return self.user is not None and self.user.has_perm(CALENDAR_PERMISSION)

    @property
    def uses_admin(self) -> bool:
        """The Django admin (reference data) is for those who maintain some of it."""
        return self.is_superuser or bool(self.administers) or self.manages_calendar

    @property
    def reads_several(self) -> bool:
        """Reads more than one agency (supervisors): the per-agency overview is for them."""
        return len(self.reads) > 1

    @property
    def approves(self) -> frozenset[int]:
        """Agencies where the user signs replies and approves extensions (待我签发)."""
        return self.agencies_with({Role.APPROVER})

    def roles_at(self, agency_id: int) -> frozenset[str]:
        return self.roles.get(agency_id, frozenset())

    def has_role(self, agency_id: int, allowed: Iterable[str]) -> bool:
        return bool(self.roles_at(agency_id) & frozenset(allowed))

    def agencies_with(self, allowed: Iterable[str]) -> frozenset[int]:
        """The agencies where the user holds one of `allowed`."""
        allowed = frozenset(allowed)
        return frozenset(a for a, r in self.roles.items() if r & allowed)

    def can_read(self, agency_id: int) -> bool:
        return agency_id in self.reads

    def can_read_all(self, agency_ids: Iterable[int]) -> bool:
        return set(agency_ids) <= self.reads

    def can_handle(self, agency_id: int) -> bool:
        return agency_id in self.handles

    def can_register(self, agency_id: int) -> bool:
        return agency_id in self.registers

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
        registers=frozenset(a for a, r in held.items() if r & REGISTERING_ROLES),
        user=user,
    )


def access_for(request_or_user) -> Access:
    """The access of the request's user, built once per request (a user: built afresh)."""
    request = (
        request_or_user
        if hasattr(request_or_user, "user") and hasattr(request_or_user, "method")
        else None
    )
    if request is None:
        return build_access(request_or_user)
    cached = getattr(request, "_gongkai_access", None)
    if cached is None or cached.user_id != getattr(request.user, "pk", None):
        cached = build_access(request.user)
        request._gongkai_access = cached
    return cached


def roles_at(user, agency_id: int) -> frozenset[str]:
    """The roles `user` holds at exactly this agency, read now: for services, which check the
    actor inside their own transaction rather than trusting a request's earlier answer."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, agency_id=agency_id).values_list("role", flat=True)
    )


def context(request) -> dict:
    """Template context processor: `access`, built on first use."""
    from django.utils.functional import SimpleLazyObject

    return {"access": SimpleLazyObject(lambda: access_for(request))}


def ensure_calendar_group(**kwargs) -> None:
    """post_migrate: the group 节假日表维护 with the holiday table's permissions (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    perms = Permission.objects.filter(
        content_type__app_label="holidays", codename__in=CALENDAR_CODENAMES
    )
    if not perms.exists():
        return  # the holidays app's permissions are created on its own post_migrate
    group, _ = Group.objects.get_or_create(name=CALENDAR_GROUP)
    group.permissions.add(*perms)


# -- supervision (《条例》第四十七条) ------------------------------------------------------------
# The 主管部门's office acts through the supervisor role: at the agency where it is held it keeps
# the 考评细则, and to the units below that agency it sends notices and scores them. The units
# answer their own notices with a case or publishing role (ANSWERING_ROLES).

ANSWERING_ROLES = frozenset({Role.HANDLER, Role.APPROVER, Role.ADMINISTRATOR})


def supervising_offices(access: Access) -> frozenset[int]:
    """The agencies where the user acts as the supervising office."""
    return access.agencies_with({Role.SUPERVISOR})


def supervised_units(access: Access, office: int | None = None) -> frozenset[int]:
    """The units strictly below the user's supervising offices (or below one of them)."""
    offices = supervising_offices(access)
    if office is not None:
        offices = offices & {office}
    children = Agency.objects.filter(parent_id__in=offices).values_list("pk", flat=True)
    return _subtrees(children) if offices else frozenset()


def answers_for(access: Access, agency_id: int) -> bool:
    """Whether the user may answer a notice addressed to this unit."""
    return access.has_role(agency_id, ANSWERING_ROLES)
