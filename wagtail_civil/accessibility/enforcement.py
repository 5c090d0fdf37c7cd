"""Who enforces the accessibility law, by country: the statement names the body and links to
where a resident turns when the municipality's answer does not help.

Sweden: lag (2018:1937) om tillgänglighet till digital offentlig service, supervised by DIGG,
whose model statement links to its report page. Norway: forskrift om universell utforming av
IKT-løsninger, supervised by Uu-tilsynet; complaints about discrimination go to
Diskrimineringsnemnda. A site with another body overrides
``wagtail_civil/includes/accessibility_enforcement.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from civilsamhalle.enums import Country

__all__ = ["BODIES", "EnforcementBody", "enforcement_body"]


@dataclass(frozen=True)
class EnforcementBody:
    name: Promise | str
    url: str
    law: Promise | str
    complaints_name: Promise | str = ""
    complaints_url: str = ""


BODIES: dict[str, EnforcementBody] = {
    Country.SWEDEN.value: EnforcementBody(
        name=_("the Agency for Digital Government (DIGG)"),
        url="https://www.digg.se/tdosanmalan",
        law=_("the Act on accessibility to digital public services (2018:1937)"),
    ),
    Country.NORWAY.value: EnforcementBody(
        name=_("the Norwegian Authority for Universal Design of ICT (Uu-tilsynet)"),
        url="https://www.uutilsynet.no/",
        law=_("the Regulation on universal design of ICT solutions"),
        complaints_name=_("the Anti-Discrimination Tribunal (Diskrimineringsnemnda)"),
        complaints_url="https://www.diskrimineringsnemnda.no/",
    ),
}


def enforcement_body(country: str) -> EnforcementBody:
    """The body for ``country`` ("SE" or "NO"); Sweden's for anything else, as the default."""
    return BODIES.get(country, BODIES[Country.SWEDEN.value])
