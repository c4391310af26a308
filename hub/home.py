"""What the home page shows from each section. Each feature fills in its own function."""


def latest_guides(home, request, limit=3):
    return []


def most_adopted_components(home, request, limit=3):
    return []


def trending_ideas(home, request, limit=3):
    from ideas.home import trending_cards

    return trending_cards(limit)


def sections(home, request):
    return {
        "latest_guides": latest_guides(home, request),
        "top_components": most_adopted_components(home, request),
        "trending_ideas": trending_ideas(home, request),
    }
