import factory

from ideas.models import Idea
from tests.factories import OrganisationFactory, UserFactory


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Simplifier le formulaire numéro {n}")
    problem = "Les citoyens remplissent trois fois les mêmes renseignements."
    solution = "Réutiliser les données déjà transmises avec leur consentement."
    benefits = "Moins d'erreurs et des demandes traitées plus vite."
    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory)
