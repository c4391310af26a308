"""Read a publiccode.yml file (https://yml.publiccode.tools) into component metadata.

The file comes from outside: its size is capped, YAML aliases are refused (a few hundred bytes of
nested aliases expand into gigabytes) and every field's type is checked before it is used, so
that each problem is reported on its own field, in French.
"""

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


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases (`*name`): a publiccode.yml never needs them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(None, None, "alias", event.start_mark)
        return super().compose_node(parent, index)


class _AliasRefused(yaml.composer.ComposerError):
    pass


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


def _wrong_type(field, expected):
    return _("champ %(field)s : %(expected)s attendu") % {"field": field, "expected": expected}


def _text_at(data, dotted, errors):
    """The text at `dotted`, None when absent; a list or a mapping there is an error on that field."""
    value = _get(data, dotted)
    if value is None or isinstance(value, str):
        return value
    errors.append(_wrong_type(dotted, _("un texte")))
    return _INVALID


_INVALID = object()


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
        data = yaml.load(content.decode("utf-8"), Loader=_NoAliasLoader)  # noqa: S506 - a safe loader
    except _AliasRefused as exc:
        raise PubliccodeError([_("fichier : les alias YAML (*nom) ne sont pas acceptés")]) from exc
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PubliccodeError([_("fichier : YAML illisible (%(error)s)") % {"error": exc.__class__.__name__}]) from exc
    if not isinstance(data, dict):
        raise PubliccodeError([_("fichier : un document publiccode.yml (objet YAML) est attendu")])

    errors, fields = [], {}
    version_of_standard = _get(data, "publiccodeYmlVersion")
    if isinstance(version_of_standard, list | dict):
        errors.append(_wrong_type("publiccodeYmlVersion", _("un texte")))
    elif not version_of_standard:
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
    licence = _text_at(data, "legal.license", errors)
    if licence is _INVALID:
        pass
    elif licence not in SPDX_LICENCES:
        errors.append(
            _("champ legal.license : « %(value)s » n'est pas un identifiant SPDX reconnu") % {"value": licence}
        )
    else:
        fields["licence"] = licence
    for dotted, choices, field in (
        ("developmentStatus", DEVELOPMENT_STATUS, "maturity"),
        ("softwareType", SOFTWARE_TYPES, "component_type"),
    ):
        value = _text_at(data, dotted, errors)
        if value is _INVALID:
            pass
        elif value not in choices:
            errors.append(_unknown(dotted, choices))
        else:
            fields[field] = choices[value]
    version = _get(data, "softwareVersion")
    if isinstance(version, list | dict):
        errors.append(_wrong_type("softwareVersion", _("un texte")))
    elif version is not None:
        fields["version"] = str(version)[:50]
    release = _get(data, "releaseDate")
    if isinstance(release, list | dict):
        errors.append(_("champ releaseDate : date AAAA-MM-JJ attendue"))
    elif release is not None:
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
        language = str(language)
        description = descriptions.get(language) if isinstance(descriptions.get(language), dict) else {}
        short = description.get("shortDescription")
        if not isinstance(short, str) or not short.strip():
            errors.append(_required(f"description.{language}.shortDescription"))
        else:
            fields["summary"] = short.strip()[:500]
        documentation = description.get("documentation")
        if documentation and not isinstance(documentation, str):
            errors.append(_wrong_type(f"description.{language}.documentation", _("un texte")))
        elif documentation:
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
        if email and not isinstance(email, str):
            errors.append(_wrong_type("maintenance.contacts[0].email", _("un texte")))
        elif email:
            try:
                validate_email(email)
                fields["contact"] = email
            except ValidationError:
                errors.append(_("champ maintenance.contacts[0].email : courriel invalide"))
        elif isinstance(contacts[0].get("name"), str) and contacts[0]["name"].strip():
            fields["contact"] = contacts[0]["name"].strip()[:255]
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


def create_component_from_publiccode(index, content, user=None):
    """A new draft component under the catalogue `index`, filled from the file (nothing is published)."""
    from django.db import transaction

    from hub.models import ComponentPage
    from hub.proposals import free_slug

    fields = parse_publiccode(content)
    with transaction.atomic():
        page = ComponentPage(
            slug=free_slug(index, fields["title"]),
            live=False,
            owner=user,
            locale=index.locale,
            change_note=_("Fiche créée à partir d'un fichier publiccode.yml"),
            **fields,
        )
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return page
