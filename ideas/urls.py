from django.urls import path

from . import feeds, views

app_name = "ideas"
urlpatterns = [
    path("", views.idea_list, name="list"),
    path("proposer/", views.propose, name="propose"),
    path("notifications/", views.notifications, name="notifications"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("flux/nouvelles-idees/", feeds.NewIdeasFeed(), name="feed_new"),
    path("flux/statuts/", feeds.StatusChangesFeed(), name="feed_status"),
    path("<int:pk>/", views.detail_redirect, name="detail_short"),
    path("<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/voter/", views.vote, name="vote"),
    path("<int:pk>/suivre/", views.follow, name="follow"),
    path("<int:pk>/appuyer/", views.endorse, name="endorse"),
    path("<int:pk>/commenter/", views.comment, name="comment"),
    path("<int:pk>/signaler/", views.report, name="report"),
    path("<int:pk>/statut/", views.change_status, name="status"),
    path("<int:pk>/fusionner/", views.merge, name="merge"),
    path("<int:pk>/lier/", views.link_page, name="link_page"),
    path("<int:pk>/lier/<int:link_id>/retirer/", views.unlink_page, name="unlink_page"),
    path("commentaires/<int:pk>/modifier/", views.comment_edit, name="comment_edit"),
    path("commentaires/<int:pk>/retirer/", views.comment_remove, name="comment_remove"),
    path("commentaires/<int:pk>/signaler/", views.report, {"kind": "comment"}, name="comment_report"),
    path("commentaires/<int:pk>/moderer/", views.comment_moderate, name="comment_moderate"),
]
