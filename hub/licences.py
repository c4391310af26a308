"""SPDX licence identifiers accepted in the component catalogue.

A curated subset of https://spdx.org/licenses/ (open source and open data licences public bodies
actually use), shipped in code so validation needs no network.
"""

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SPDX_LICENCES = {
    "0BSD": "BSD Zero Clause License",
    "AGPL-3.0-only": "GNU Affero General Public License v3.0 only",
    "AGPL-3.0-or-later": "GNU Affero General Public License v3.0 or later",
    "Apache-2.0": "Apache License 2.0",
    "Artistic-2.0": "Artistic License 2.0",
    "BSD-2-Clause": 'BSD 2-Clause "Simplified" License',
    "BSD-3-Clause": 'BSD 3-Clause "New" or "Revised" License',
    "BSL-1.0": "Boost Software License 1.0",
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
    "CC-BY-ND-4.0": "Creative Commons Attribution No Derivatives 4.0 International",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "CECILL-2.1": "CeCILL Free Software License Agreement v2.1",
    "CECILL-B": "CeCILL-B Free Software License Agreement",
    "CECILL-C": "CeCILL-C Free Software License Agreement",
    "EPL-1.0": "Eclipse Public License 1.0",
    "EPL-2.0": "Eclipse Public License 2.0",
    "EUPL-1.1": "European Union Public License 1.1",
    "EUPL-1.2": "European Union Public License 1.2",
    "GPL-2.0-only": "GNU General Public License v2.0 only",
    "GPL-2.0-or-later": "GNU General Public License v2.0 or later",
    "GPL-3.0-only": "GNU General Public License v3.0 only",
    "GPL-3.0-or-later": "GNU General Public License v3.0 or later",
    "ISC": "ISC License",
    "LGPL-2.1-only": "GNU Lesser General Public License v2.1 only",
    "LGPL-2.1-or-later": "GNU Lesser General Public License v2.1 or later",
    "LGPL-3.0-only": "GNU Lesser General Public License v3.0 only",
    "LGPL-3.0-or-later": "GNU Lesser General Public License v3.0 or later",
    "LiLiQ-P-1.1": "Licence Libre du Québec – Permissive version 1.1",
    "LiLiQ-R-1.1": "Licence Libre du Québec – Réciprocité version 1.1",
    "LiLiQ-Rplus-1.1": "Licence Libre du Québec – Réciprocité forte version 1.1",
    "MIT": "MIT License",
    "MIT-0": "MIT No Attribution",
    "MPL-2.0": "Mozilla Public License 2.0",
    "ODbL-1.0": "Open Data Commons Open Database License v1.0",
    "OFL-1.1": "SIL Open Font License 1.1",
    "OGL-Canada-2.0": "Open Government Licence - Canada",
    "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
    "PostgreSQL": "PostgreSQL License",
    "Unlicense": "The Unlicense",
    "Zlib": "zlib License",
    "LicenseRef-proprietaire": _("Licence propriétaire"),  # ours, not an SPDX name: translated
}


def validate_spdx(value):
    """Reject anything that is not a known SPDX identifier (case-sensitive, as SPDX requires)."""
    if value not in SPDX_LICENCES:
        raise ValidationError(
            _("« %(value)s » n'est pas un identifiant de licence SPDX reconnu (ex. : MIT, Apache-2.0, LiLiQ-P-1.1)."),
            params={"value": value},
            code="invalid_spdx",
        )


def licence_choices():
    """Choices labelled by name first, the SPDX identifier in parentheses, sorted by name."""
    return [
        (spdx_id, format_lazy("{} ({})", name, spdx_id))
        for spdx_id, name in sorted(SPDX_LICENCES.items(), key=lambda item: str(item[1]).casefold())
    ]


def licence_name(spdx_id):
    """The readable name of a licence (« MIT License »), or the identifier itself when unknown."""
    return SPDX_LICENCES.get(spdx_id, spdx_id)
