from django.urls import path

from . import feeds, routine_pages, views

app_name = "stretches"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", feeds.latest_feed, name="feed"),
    path("topics/", views.topics, name="topics"),
    path("library/", views.library, name="library"),
    path("topics/<slug:slug>/feed/", feeds.topic_feed, name="topic_feed"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("library/<slug:slug>/", views.stretch_detail, name="stretch"),
    path("routines/<slug:slug>/", routine_pages.routine_detail, name="routine"),
    path("routines/<slug:slug>/play/", routine_pages.routine_play, name="routine_play"),
    path("routines/<slug:slug>/card/", routine_pages.routine_card, name="routine_card"),
    path("<slug:slug>/", views.article_detail, name="article"),
]
