"""Read a publiccode.yml file (https://yml.publiccode.tools) into component metadata."""

import datetime

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from hub.licences import SPDX_LICENCES
from hub.models import ComponentType, Maturity

MAX_SIZE = 256 * 1024

DEVELOPMENT_STATUS = {
    "concept": Maturity.EXPERIMENTAL,
    "development": Maturity.EXPERIMENTAL,
    "beta": Maturity.BETA,
    "stable": Maturity.STABLE,
    "obsolete": Maturity.OBSOLETE,
}
SOFTWARE_TYPES = {
    "library": ComponentType.LIBRARY,
    "standalone/web": ComponentType.SHARED_SERVICE,
    "standalone/backend": ComponentType.SHARED_SERVICE,
    "standalone/mobile": ComponentType.TOOL,
    "standalone/desktop": ComponentType.TOOL,
    "standalone/iot": ComponentType.TOOL,
    "standalone/other": ComponentType.TOOL,
    "addon": ComponentType.LIBRARY,
    "configurationFiles": ComponentType.TEMPLATE,
}


class PubliccodeError(Exception):
    """The file cannot be used; `errors` lists "champ X : raison" messages, one per field at fault."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _required(field):
    return _("champ %(field)s : obligatoire") % {"field": field}


def _unknown(field, expected):
    return _("champ %(field)s : valeur inconnue (attendu : %(expected)s)") % {
        "field": field,
        "expected": ", ".join(expected),
    }


def _get(data, dotted):
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def parse_publiccode(content):
    """Component fields from the bytes of a publiccode.yml; raises PubliccodeError listing every problem."""
    if len(content) > MAX_SIZE:
        raise PubliccodeError([_("fichier : trop volumineux (256 Kio au maximum)")])
    try:
        data = yaml.safe_load(content.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PubliccodeError([_("fichier : YAML illisible (%(error)s)") % {"error": exc.__class__.__name__}]) from exc
    if not isinstance(data, dict):
        raise PubliccodeError([_("fichier : un document publiccode.yml (objet YAML) est attendu")])

    errors, fields = [], {}
    if not _get(data, "publiccodeYmlVersion"):
        errors.append(_required("publiccodeYmlVersion"))
    name = _get(data, "name")
    if not isinstance(name, str) or not name.strip():
        errors.append(_required("name"))
    else:
        fields["title"] = name.strip()[:255]
    url = _get(data, "url")
    try:
        URLValidator(schemes=["http", "https", "git"])(url or "")
        fields["repository_url"] = url
    except ValidationError:
        errors.append(_("champ url : adresse du dépôt obligatoire et valide"))
    licence = _get(data, "legal.license")
    if licence not in SPDX_LICENCES:
        errors.append(
            _("champ legal.license : « %(value)s » n'est pas un identifiant SPDX reconnu") % {"value": licence}
        )
    else:
        fields["licence"] = licence
    status = _get(data, "developmentStatus")
    if status not in DEVELOPMENT_STATUS:
        errors.append(_unknown("developmentStatus", DEVELOPMENT_STATUS))
    else:
        fields["maturity"] = DEVELOPMENT_STATUS[status]
    software_type = _get(data, "softwareType")
    if software_type not in SOFTWARE_TYPES:
        errors.append(_unknown("softwareType", SOFTWARE_TYPES))
    else:
        fields["component_type"] = SOFTWARE_TYPES[software_type]
    version = _get(data, "softwareVersion")
    if version is not None:
        fields["version"] = str(version)[:50]
    release = _get(data, "releaseDate")
    if release is not None:
        if isinstance(release, datetime.date):
            fields["release_date"] = release
        else:
            try:
                fields["release_date"] = datetime.date.fromisoformat(str(release))
            except ValueError:
                errors.append(_("champ releaseDate : date AAAA-MM-JJ attendue"))

    descriptions = _get(data, "description")
    if not isinstance(descriptions, dict) or not descriptions:
        errors.append(_("champ description : obligatoire (au moins une langue)"))
    else:
        language = next((code for code in ("fr", "fr-CA", "en") if code in descriptions), next(iter(descriptions)))
        description = descriptions[language] if isinstance(descriptions[language], dict) else {}
        short = description.get("shortDescription")
        if not isinstance(short, str) or not short.strip():
            errors.append(_required(f"description.{language}.shortDescription"))
        else:
            fields["summary"] = short.strip()[:500]
        documentation = description.get("documentation")
        if documentation:
            try:
                URLValidator(schemes=["http", "https"])(documentation)
                fields["documentation_url"] = documentation
            except ValidationError:
                errors.append(
                    _("champ %(field)s : adresse Web invalide") % {"field": f"description.{language}.documentation"}
                )

    contacts = _get(data, "maintenance.contacts")
    if isinstance(contacts, list) and contacts and isinstance(contacts[0], dict):
        email = contacts[0].get("email")
        if email:
            try:
                validate_email(email)
                fields["contact"] = email
            except ValidationError:
                errors.append(_("champ maintenance.contacts[0].email : courriel invalide"))
        elif contacts[0].get("name"):
            fields["contact"] = str(contacts[0]["name"])[:255]
    if errors:
        raise PubliccodeError(errors)
    return fields


def apply_publiccode(component, content, user=None):
    """Fill the component's metadata from the file into a new draft revision (editors then review it)."""
    fields = parse_publiccode(content)
    draft = component.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.change_note = _("Métadonnées importées d'un fichier publiccode.yml")
    return draft.save_revision(user=user, log_action=True)
