from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person with an account: reader, member, editor or moderator.

    Custom from the first migration so that profile fields can be added later without pain.
    """

    @property
    def display_name(self):
        return self.get_full_name() or self.first_name or self.username
