from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.log_page, name="log_page"),
    path("log/", views.log, name="log"),
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/<int:pk>/delete/", views.reminder_delete, name="reminder_delete"),
    path("reminders/<int:pk>/pause/", views.reminder_active, {"active": False}, name="reminder_pause"),
    path("reminders/<int:pk>/resume/", views.reminder_active, {"active": True}, name="reminder_resume"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
