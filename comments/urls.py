from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("token/", views.form_token, name="token"),
    path("article/<slug:slug>/", views.write, name="write"),
    path("article/<slug:slug>/reply/<int:parent_pk>/", views.write, name="reply"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("thread/<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/report/", views.report, name="report"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
