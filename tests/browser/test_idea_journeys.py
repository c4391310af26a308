"""Journeys through the idea board: a newcomer joins and takes part, a moderator answers."""

import os

import pytest
from playwright.sync_api import expect

from .actions import create_idea, sign_in, sign_in_as_moderator, sign_up_and_confirm, submit
from .helpers import assert_focus_visible, focused, snap

pytestmark = pytest.mark.browser

ORGANISATION = "Ministère de la Cybersécurité et du Numérique"
NEW_IDEA_TITLE = "Un tableau de bord public des projets numériques régionaux"
# demo/ideas.py holds "Tableau de bord public des projets numériques": a similar idea to show.


def choose_option(select, text):
    """Select the option whose visible text contains `text`."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value=value)


def vote_count(page):
    return page.locator("[data-vote-count] strong").inner_text().strip()


def test_newcomer_signs_up_completes_profile_proposes_votes_comments_and_follows(page, hub_server):
    email = f"nouvelle.recrue.{os.getpid()}@gouv.qc.ca"
    other = create_idea(hub_server, "membre2@gouv.qc.ca", "Un gabarit commun pour les avis de rendez-vous")

    sign_up_and_confirm(page, hub_server, email)
    sign_in(page, email, "Un-mot-de-passe-solide-2026")

    page.goto("/compte/profil/")
    page.get_by_label("Nom affiché").fill("Alexandra Nouvel")
    choose_option(page.get_by_label("Organisation"), ORGANISATION)
    submit(page, "main form[method=post]")
    assert page.get_by_role("status").filter(has_text="Votre profil a été enregistré").is_visible()
    snap(page, "parcours-nouveau-membre-profil")

    page.goto("/idees/proposer/")
    page.get_by_label("Titre de l'idée").press_sequentially(NEW_IDEA_TITLE, delay=20)
    similar = page.locator("#idees-similaires")
    similar.get_by_role("link").first.wait_for()
    titles = similar.get_by_role("link").all_inner_texts()
    assert any("projets numériques" in title for title in titles), titles
    assert similar.get_by_text("Idées semblables déjà proposées").is_visible()
    snap(page, "parcours-nouveau-membre-idees-semblables")
    page.get_by_label("Problème").fill("Les régions ne savent pas où en sont les projets numériques qui les touchent.")
    page.get_by_label("Solution proposée").fill("Un tableau de bord par région, mis à jour chaque mois.")
    page.get_by_label("Bénéfices attendus").fill("Transparence et meilleure coordination régionale.")
    with page.expect_navigation():
        page.get_by_role("button", name="Prévisualiser").click()
    assert page.get_by_role("heading", name="Aperçu avant publication").is_visible()
    # The similar items stay under the title on the preview step (rendered by the server).
    assert any("projets numériques" in title for title in similar.get_by_role("link").all_inner_texts())
    with page.expect_navigation():
        page.get_by_role("button", name="Publier").click()
    assert page.get_by_role("heading", level=1).inner_text() == NEW_IDEA_TITLE
    assert ORGANISATION in page.locator("main").inner_text()
    snap(page, "parcours-nouveau-membre-idee-publiee")

    page.goto(other["url"])
    with page.expect_navigation():
        page.get_by_role("button", name="Suivre cette idée").click()
    assert page.get_by_role("button", name="Ne plus suivre").is_visible()

    assert vote_count(page) == "0"
    page.evaluate("() => { window.__sameDocument = true; }")
    page.get_by_role("button", name="Voter").click()
    page.locator("[data-vote-count] strong", has_text="1").wait_for()
    expect(page.get_by_role("button", name="Retirer mon vote")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => window.__sameDocument === true"), "Le vote a rechargé la page."

    page.get_by_label("Votre commentaire").fill("Très utile pour nos cliniques de vaccination aussi.")
    with page.expect_navigation():
        page.get_by_role("button", name="Publier le commentaire").click()
    assert page.locator(".comment-list").get_by_text("Très utile pour nos cliniques de vaccination aussi.").is_visible()
    assert vote_count(page) == "1"
    snap(page, "parcours-nouveau-membre-vote-commentaire")


def test_moderator_answers_an_idea_and_the_author_is_notified(contexts, hub_server):
    idea = create_idea(hub_server, "membre3@gouv.qc.ca", "Publier les délais de traitement en temps réel")

    moderator = contexts.new_page()
    sign_in_as_moderator(moderator, hub_server)
    moderator.goto(idea["url"])
    moderation = moderator.locator("section.idea-moderation")
    choose_option(moderation.get_by_label("Nouveau statut"), "Retenue")
    moderation.get_by_label("Réponse officielle du CQEN").fill(
        "Le CQEN retient cette idée : un prototype sera présenté au printemps."
    )
    with moderator.expect_navigation():
        moderation.get_by_role("button", name="Changer le statut").click()
    response = moderator.locator("section.official-response")
    assert "un prototype sera présenté au printemps" in response.inner_text()
    assert moderator.locator(".idea-detail .badge").first.inner_text().strip() == "Retenue"
    snap(moderator, "parcours-moderation-reponse-officielle")

    author = contexts.new_page()
    sign_in(author, "membre3@gouv.qc.ca")
    author.goto("/")
    notifications_link = author.get_by_role("navigation", name="Mon compte").get_by_role("link", name="Notifications")
    assert "non lues" in notifications_link.inner_text()
    with author.expect_navigation():
        notifications_link.click()
    entry = author.locator(".notification-list li", has_text="Publier les délais de traitement en temps réel")
    assert entry.first.is_visible()
    snap(author, "parcours-moderation-notification-auteur")
    with author.expect_navigation():
        entry.first.get_by_role("link", name="Publier les délais de traitement en temps réel").click()
    assert "un prototype sera présenté au printemps" in author.locator("section.official-response").inner_text()


def test_member_votes_with_the_keyboard_alone_and_focus_moves_on(page, hub_server):
    idea = create_idea(hub_server, "membre4@gouv.qc.ca", "Un annuaire ouvert des API gouvernementales")
    sign_in(page, "membre5@gouv.qc.ca")
    page.goto(idea["url"])
    state = None
    for _ in range(80):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state is not None, "Le bouton Voter n'est pas atteignable au clavier."
        assert_focus_visible(page)
        if state["tag"] == "button" and state["text"] == "Voter":
            break
    assert state["text"] == "Voter"
    page.keyboard.press("Enter")
    page.locator("[data-vote-count] strong", has_text="1").wait_for()
    expect(page.locator("[data-vote-count]")).to_contain_text("1 vote —")  # « 1 vote », never « 1 votes »
    voted = page.get_by_role("button", name="Retirer mon vote")
    expect(voted, "Le focus a quitté le bouton de vote.").to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Space")
    page.locator("[data-vote-count] strong", has_text="0").wait_for()
    expect(page.get_by_role("button", name="Voter")).to_be_focused()
    page.keyboard.press("Tab")
    after = focused(page)
    assert after is not None and after["text"] != "Voter", "Le focus reste bloqué sur le bouton de vote."
    assert_focus_visible(page)


def test_moderator_finds_the_merge_target_while_typing_its_title(contexts, hub_server):
    source = create_idea(hub_server, "membre3@gouv.qc.ca", "Guichet unique des permis de pêche sportive")
    target = create_idea(hub_server, "membre4@gouv.qc.ca", "Un registre commun des quais municipaux", refresh=True)
    moderator = contexts.new_page()
    sign_in_as_moderator(moderator, hub_server)
    moderator.goto(source["url"])
    with moderator.expect_navigation():
        moderator.get_by_role("link", name="Choisir l'idée à conserver").click()
    moderator.get_by_label("Chercher l'idée à conserver par son titre ou son numéro").press_sequentially(
        "registre quais", delay=20
    )
    choice = moderator.locator("#resultats-fusion").get_by_label("Un registre commun des quais municipaux")
    choice.check()  # waits until the results typed for have replaced the list
    assert "/fusionner/" in moderator.url and "q=" not in moderator.url  # no page load: updated while typing
    moderator.get_by_label("Réponse publique aux abonnés").fill("Même besoin : la discussion continue ici.")
    with moderator.expect_navigation():
        moderator.get_by_role("button", name="Fusionner dans l'idée choisie").click()
    assert moderator.url.endswith(target["url"])
    snap(moderator, "parcours-moderation-fusion-js")
