from django.conf import settings


def site_context(request):
    """Values every page template needs: contacts and the main navigation."""
    return {
        "HUB_CONTACT_EMAIL": settings.HUB_CONTACT_EMAIL,
        "SEARCH_ENGINE_CONFIGURED": bool(settings.ELASTICSEARCH_URL),
    }
