from django.urls import path

from . import views

app_name = "stretches"

urlpatterns = [
    path("", views.index, name="index"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("library/<slug:slug>/", views.stretch_detail, name="stretch"),
    path("<slug:slug>/", views.article_detail, name="article"),
]
