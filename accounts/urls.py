from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views.download_my_data, name="download_my_data"),
    path("supprimer/", views.delete_account, name="delete"),
    path("supprime/", views.account_deleted, name="deleted"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
