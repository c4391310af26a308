"""`load_demo`: the bootstrap plus the demo content, idempotent, refused outside DEBUG."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from wagtail.models import Page

from hub.models import Organisation

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_load_demo_is_refused_without_debug_with_a_french_message():
    with pytest.raises(CommandError, match="Refusé : la démonstration crée des comptes au mot de passe public"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Organisation.objects.exists()


@override_settings(DEBUG=True)
def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    pages, orgs = Page.objects.count(), Organisation.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Page.objects.count() == pages
    assert Organisation.objects.count() == orgs >= 12
    _signature_idea_points_to_the_beta_signature_service()


def _signature_idea_points_to_the_beta_signature_service():
    from hub.models import ComponentPage
    from ideas.models import Idea, IdeaLink

    idea = Idea.objects.get(title="Signature électronique commune pour les formulaires gouvernementaux")
    service = ComponentPage.objects.get(slug="service-signature-electronique", locale__language_code="fr")
    assert (idea.status, service.maturity) == (Idea.Status.ACCEPTED, "beta")
    link = IdeaLink.objects.get(idea=idea, page_translation_key=service.translation_key)
    assert link.relation == IdeaLink.Relation.REALISED_BY
    assert IdeaLink.objects.filter(idea=idea).count() == 2  # and the signature guide, once each after two runs
