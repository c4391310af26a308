from django.urls import path

from search import api, views

app_name = "search"
urlpatterns = [
    path("api/v1/search/", api.search, name="api_search"),
    path("api/v1/search/suggest/", api.suggest, name="api_suggest"),
    path("api/v1/search/similar-ideas/", api.similar_ideas, name="api_similar_ideas"),
    path("recherche/", views.search_page, name="page"),
]
