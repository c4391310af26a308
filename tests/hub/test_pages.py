"""Guide and component pages as readers see them: blocks, metadata, table of contents, history."""

import pytest

from tests.hub.factories import every_block, make_component, make_guide

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


def test_guide_page_renders_every_block_with_its_template(client, guide_index, component_index, organisations):
    component = make_component(component_index)
    guide = make_guide(guide_index, body=every_block([component]), owner_organisation=organisations.first())
    response = client.get(guide.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<h2 id="section-preparer-le-projet">Préparer le projet</h2>' in html
    assert '<h3 id="section-details-techniques">Détails techniques</h3>' in html
    assert 'class="callout callout-warning" role="note"' in html
    assert "print(&#x27;bonjour &lt;monde&gt;&#x27;)" in html
    assert '<ol class="steps">' in html and "Cerner le besoin" in html
    assert "Budget approuvé" in html
    assert '<th scope="col">Critère</th>' in html and "<td>10 jours</td>" in html
    assert "<blockquote><p>Dites-le-nous une fois.</p></blockquote>" in html
    assert f'href="{component.url}"' in html
