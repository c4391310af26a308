"""What the home page shows from each section. Each feature fills in its own function."""


def latest_guides(home, request, limit=3):
    from hub.home_cards import latest_guide_cards

    return latest_guide_cards(home, request, limit)


def most_adopted_components(home, request, limit=3):
    from hub.home_cards import most_adopted_component_cards

    return most_adopted_component_cards(home, request, limit)


def trending_ideas(home, request, limit=3):
    from ideas.home import trending_cards

    return trending_cards(limit)


def sections(home, request):
    return {
        "latest_guides": latest_guides(home, request),
        "top_components": most_adopted_components(home, request),
        "trending_ideas": trending_ideas(home, request),
    }
