from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.area, name="area"),
    path("profile/", views.profile, name="profile"),
    path("export/", views.export, name="export"),
    path("delete/", views.delete_account, name="delete"),
    path("saved/<slug:slug>/", views.toggle_saved, name="toggle_saved"),
]
